package dev.outlet.postgres;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waiting for what another node or thread does, polled every 20 ms. */
public final class Waits {
  private Waits() {}

  /** Returns once {@code done} holds; fails when it does not within {@code within}. */
  public static void until(BooleanSupplier done, Duration within) {
    Awaitility.await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(done::getAsBoolean);
  }
}
