package dev.outlet.server;

import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.SigV4Verifier;
import dev.outlet.iam.AccessKey;
import dev.outlet.iam.AccessKeyStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier of one server: in {@link AuthMode#OPEN} none; in {@link AuthMode#IAM} SigV4 against
 * the data directory's access keys, re-read every {@link AccessKeyStore#REFRESH} (keys made or
 * revoked by {@code outlet credentials} while the server runs), and on the first start an
 * administrator's key, returned once to be printed.
 */
final class Authentication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private final AccessKeyStore keys;
  private final RequestVerifier verifier;
  private final AccessKey administrator;
  private final ScheduledFuture<?> refresh;

  private Authentication(
      AccessKeyStore keys,
      RequestVerifier verifier,
      AccessKey administrator,
      ScheduledFuture<?> refresh) {
    this.keys = keys;
    this.verifier = verifier;
    this.administrator = administrator;
    this.refresh = refresh;
  }

  static Authentication start(
      AuthMode mode, Path dataDir, String accountId, ScheduledExecutorService timers) {
    if (mode == AuthMode.OPEN) {
      return new Authentication(null, RequestVerifier.ACCEPT_ALL, null, null);
    }
    AccessKeyStore keys = AccessKeyStore.open(dataDir, accountId, InstantSource.system());
    AccessKey admin = keys.bootstrapAdministrator().orElse(null);
    long every = AccessKeyStore.REFRESH.toMillis();
    ScheduledFuture<?> refresh =
        timers.scheduleWithFixedDelay(
            () -> {
              try {
                keys.refresh();
              } catch (RuntimeException e) {
                LOG.warn("cannot re-read the access keys: {}", e.getMessage());
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
    return new Authentication(
        keys, new SigV4Verifier(keys, InstantSource.system()), admin, refresh);
  }

  RequestVerifier verifier() {
    return verifier;
  }

  /** The administrator's key made by this start (the first in iam mode), to show once. */
  Optional<AccessKey> createdAdministrator() {
    return Optional.ofNullable(administrator);
  }

  @Override
  public void close() {
    if (refresh != null) {
      refresh.cancel(false);
    }
    if (keys != null) {
      keys.close();
    }
  }
}
