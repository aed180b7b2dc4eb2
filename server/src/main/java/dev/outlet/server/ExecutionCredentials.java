package dev.outlet.server;

import dev.outlet.api.FunctionRegistry;
import dev.outlet.iam.IamException;
import dev.outlet.iam.IdentityStore;
import dev.outlet.iam.TemporaryCredentials;
import dev.outlet.sandbox.SandboxCredentials;
import dev.outlet.sandbox.SandboxSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each function's execution-role credentials, given to its sandboxes as Lambda gives them: a
 * session of the function's role named after the function ({@code
 * arn:aws:sts::A:assumed-role/ROLE/FUNCTION}), in {@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}, with {@code AWS_ENDPOINT_URL} naming Outlet
 * so the SDKs call Outlet rather than AWS (a function that sets it itself keeps its own).
 *
 * <p>Sessions last {@link #LIFETIME}; one is shared by the sandboxes of a function and role, and a
 * sandbox started when less than {@link #RENEW_BEFORE} is left gets a new one, so no sandbox runs
 * with credentials that expire within its lifetime. In open mode a role that does not exist still
 * gets credentials (Outlet accepts any there); in iam mode it gets none, and a warning.
 */
final class ExecutionCredentials implements SandboxCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionCredentials.class);
  static final Duration LIFETIME = Duration.ofHours(12);
  static final Duration RENEW_BEFORE = Duration.ofHours(4);

  private final IdentityStore identities;
  private final FunctionRegistry registry;
  private final AuthMode mode;
  private final String endpoint;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, TemporaryCredentials> sessions =
      new ConcurrentHashMap<>();

  ExecutionCredentials(
      IdentityStore identities,
      FunctionRegistry registry,
      AuthMode mode,
      String endpoint,
      InstantSource clock) {
    this.identities = identities;
    this.registry = registry;
    this.mode = mode;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  @Override
  public Map<String, String> environment(SandboxSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    String role =
        registry.find(spec.functionName()).map(d -> d.record().config().role()).orElse(null);
    if (role != null) {
      TemporaryCredentials c =
          sessions.compute(
              spec.functionName() + "\u0000" + role,
              (key, old) -> fresh(old) ? old : mint(role, spec.functionName()));
      if (c != null) {
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secret());
        env.put("AWS_SESSION_TOKEN", c.sessionToken());
      }
    }
    env.put("AWS_ENDPOINT_URL", endpoint);
    return env;
  }

  private boolean fresh(TemporaryCredentials c) {
    return c != null && c.expiration().isAfter(clock.instant().plus(RENEW_BEFORE));
  }

  private TemporaryCredentials mint(String roleArn, String function) {
    try {
      if (identities.role(roleArn).isPresent()) {
        return identities.assumeRole(roleArn, function, LIFETIME);
      }
    } catch (IamException e) {
      LOG.warn("{}: cannot assume its role {}: {}", function, roleArn, e.getMessage());
    }
    if (mode == AuthMode.OPEN) {
      return TemporaryCredentials.unrecorded(roleArn, function, clock.instant().plus(LIFETIME));
    }
    LOG.warn("{}: its role {} does not exist: its sandboxes get no credentials", function, roleArn);
    return null;
  }
}
