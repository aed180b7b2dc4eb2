package dev.outlet.server;

import dev.outlet.edge.Authorizer;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.SigV4Verifier;
import dev.outlet.iam.AccessKey;
import dev.outlet.iam.IdentityStore;
import dev.outlet.iam.PolicyAuthorizer;
import dev.outlet.iam.ResourcePolicies;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identities and verifier of one server: the data directory's users and access keys (the IAM
 * API serves them in both modes); in {@link AuthMode#OPEN} no verification; in {@link AuthMode#IAM}
 * SigV4 against those keys, re-read every {@link IdentityStore#REFRESH} (keys made or revoked by
 * {@code outlet credentials} while the server runs), and on the first start an administrator's key,
 * returned once to be printed.
 */
final class Authentication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private final IdentityStore keys;
  private final RequestVerifier verifier;
  private final Authorizer authorizer;
  private final AccessKey administrator;
  private final ScheduledFuture<?> refresh;

  private Authentication(
      IdentityStore keys,
      RequestVerifier verifier,
      Authorizer authorizer,
      AccessKey administrator,
      ScheduledFuture<?> refresh) {
    this.keys = keys;
    this.verifier = verifier;
    this.authorizer = authorizer;
    this.administrator = administrator;
    this.refresh = refresh;
  }

  /**
   * @param cluster the cluster's shared store, whose identities every node honours; null for this
   *     machine's {@code iam/keys.db}
   */
  static Authentication start(
      AuthMode mode,
      Path dataDir,
      ClusterStore cluster,
      String accountId,
      ScheduledExecutorService timers,
      ResourcePolicies resources) {
    IdentityStore keys;
    AccessKey admin = null;
    if (cluster == null) {
      keys = IdentityStore.open(dataDir, accountId, InstantSource.system());
      admin = mode == AuthMode.IAM ? keys.bootstrapAdministrator().orElse(null) : null;
    } else {
      SharedIdentities.Opened ids = SharedIdentities.open(cluster.url(), accountId);
      keys = ids.store();
      try {
        admin =
            mode == AuthMode.IAM ? SharedIdentities.bootstrapAdministrator(ids).orElse(null) : null;
      } catch (RuntimeException e) {
        keys.close();
        throw e;
      }
    }
    ScheduledFuture<?> refresh =
        Repeat.every(
            timers,
            Repeat.VIRTUAL,
            IdentityStore.REFRESH,
            keys::refresh,
            e -> LOG.warn("cannot re-read the access keys: {}", e.getMessage()));
    RequestVerifier verifier =
        mode == AuthMode.IAM
            ? new SigV4Verifier(keys, InstantSource.system())
            : RequestVerifier.ACCEPT_ALL;
    Authorizer authorizer =
        mode == AuthMode.IAM
            ? new PolicyAuthorizer(
                accountId, keys::identityPolicies, resources, InstantSource.system())
            : Authorizer.ALLOW_ALL;
    return new Authentication(keys, verifier, authorizer, admin, refresh);
  }

  /** The users and keys (served by the IAM API in both modes, checked only in iam mode). */
  IdentityStore identities() {
    return keys;
  }

  RequestVerifier verifier() {
    return verifier;
  }

  /** Decides what verified callers may do (everything in open mode). */
  Authorizer authorizer() {
    return authorizer;
  }

  /** The administrator's key made by this start (the first in iam mode), to show once. */
  Optional<AccessKey> createdAdministrator() {
    return Optional.ofNullable(administrator);
  }

  @Override
  public void close() {
    refresh.cancel(false);
    keys.close();
  }
}
