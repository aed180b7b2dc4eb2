package dev.outlet.core;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * Everything Outlet knows about one function's {@code $LATEST}: what the API acknowledged and the
 * repository stores. Immutable; every mutation produces a new record with a new revision id.
 *
 * @param reservedConcurrency -1 when none is set
 */
public record FunctionRecord(
    String name,
    FunctionConfig config,
    CodeRef code,
    Entrypoint entrypoint,
    String revisionId,
    Instant lastModified,
    int reservedConcurrency) {

  public static final int NO_RESERVATION = -1;

  public OptionalInt reserved() {
    return reservedConcurrency < 0 ? OptionalInt.empty() : OptionalInt.of(reservedConcurrency);
  }
}
