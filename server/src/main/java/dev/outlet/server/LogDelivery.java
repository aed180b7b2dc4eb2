package dev.outlet.server;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.LogSink;
import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Function logs on their way to the log store, delivered as Lambda delivers them: with the
 * function's execution role. In {@code --auth iam} a role that does not allow {@code
 * logs:CreateLogStream} and {@code logs:PutLogEvents} on the function's log group gets its logs
 * dropped, as on AWS (the function runs; its logs never appear); unlike AWS, Outlet says why, once
 * per function and role, in its own log, and {@link #problems} tells {@code outlet logs}.
 *
 * <p>The decision is cached per log group for {@link #RECHECK_NANOS} (policies change), so a log
 * line costs a map lookup. Before {@link #use} (and in open mode) everything is delivered.
 */
final class LogDelivery implements LogSink {
  private static final Logger LOG = LoggerFactory.getLogger(LogDelivery.class);
  static final long RECHECK_NANOS = 2_000_000_000L;

  /** A cached decision: null reason when allowed. */
  private record Verdict(String reason, long until) {}

  /** What the decision needs, once the server has it. */
  record Policies(
      Authorizer authorizer, FunctionRegistry registry, String region, String account) {}

  private final LogSink store;
  private final LongSupplier nanos;
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
  private final Map<String, String> warned = new ConcurrentHashMap<>();
  private volatile Policies policies;

  LogDelivery(LogSink store, LongSupplier nanos) {
    this.store = store;
    this.nanos = nanos;
  }

  /** From now on, logs are delivered only where the function's role allows. */
  void use(Policies p) {
    this.policies = p;
    verdicts.clear();
  }

  @Override
  public void append(String group, String stream, long timestampMillis, String message) {
    if (policies == null || reason(group) == null) {
      store.append(group, stream, timestampMillis, message);
    }
  }

  /** Why a function's logs are dropped, by function name (for {@code outlet logs}). */
  Map<String, String> problems() {
    return Map.copyOf(warned);
  }

  /** Warns now (CreateFunction, UpdateFunctionConfiguration) if {@code role} cannot write logs. */
  void warnIfDenied(String function, String role) {
    Policies p = policies;
    if (p == null) {
      return;
    }
    String group =
        p.registry().find(function).map(d -> d.spec().logGroup()).orElse("/aws/lambda/" + function);
    String reason = reason(p.authorizer(), p.region(), p.account(), function, role, group);
    if (reason != null) {
      LOG.warn("{}: {}", function, reason);
      warned.put(function, reason);
    }
  }

  private String reason(String group) {
    long now = nanos.getAsLong();
    Verdict v = verdicts.get(group);
    if (v == null || now - v.until() > 0) {
      v = new Verdict(decide(group), now + RECHECK_NANOS);
      verdicts.put(group, v);
    }
    return v.reason();
  }

  private String decide(String group) {
    Policies p = policies;
    Optional<Deployed> fn =
        p.registry().all().stream().filter(d -> d.spec().logGroup().equals(group)).findFirst();
    if (fn.isEmpty()) {
      return null;
    }
    String function = fn.get().record().name();
    String reason =
        reason(
            p.authorizer(),
            p.region(),
            p.account(),
            function,
            fn.get().record().config().role(),
            group);
    if (reason == null) {
      warned.remove(function);
    } else if (warned.put(function, reason) == null) {
      LOG.warn("{}: {}", function, reason);
    }
    return reason;
  }

  /**
   * Why {@code function}'s logs would be dropped with {@code role} as its execution role, or null
   * when the role may write them.
   */
  static String reason(
      Authorizer authorizer,
      String region,
      String account,
      String function,
      String role,
      String group) {
    String roleName = role.substring(role.lastIndexOf('/') + 1);
    Caller session =
        new Caller(null, "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + function);
    String streams =
        "arn:aws:logs:" + region + ":" + account + ":log-group:" + group + ":log-stream:*";
    for (String action : new String[] {"logs:CreateLogStream", "logs:PutLogEvents"}) {
      if (authorizer.decide(session, new Access(action, streams), null)
          instanceof Authorizer.Verdict.Denied) {
        return "its logs are dropped, as on AWS: its execution role "
            + role
            + " does not allow "
            + action
            + " on "
            + streams
            + " (attach arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole)";
      }
    }
    return null;
  }
}
