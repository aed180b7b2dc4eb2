package dev.outlet.sqs;

import dev.outlet.edge.AwsException;

/** FIFO queues, which Outlet does not serve yet. */
final class Fifo {
  private Fifo() {}

  static AwsException refused() {
    return SqsError.INVALID_PARAMETER_VALUE.with(
        "Outlet does not serve FIFO queues yet: create a standard queue (a name without the .fifo"
            + " suffix, no FifoQueue attribute).");
  }
}
