package dev.outlet.mappings;

import java.time.Instant;
import java.util.List;

/**
 * One event source mapping as stored: an SQS queue read in batches for a function.
 *
 * @param uuid its identifier
 * @param eventSourceArn the queue's ARN
 * @param function what it invokes: {@code name} or {@code name:qualifier}
 * @param functionArn the function's ARN as the mapping shows it (qualified when named so)
 * @param batchSize the most messages a batch holds
 * @param windowSeconds {@code MaximumBatchingWindowInSeconds}
 * @param filters the {@code FilterCriteria} patterns, as given (empty: every message)
 * @param reportItemFailures whether the function answers {@code batchItemFailures}
 * @param maxConcurrency {@code ScalingConfig.MaximumConcurrency}, or null
 * @param enabled whether it polls
 * @param lastModified its last change
 */
record Mapping(
    String uuid,
    String eventSourceArn,
    String function,
    String functionArn,
    int batchSize,
    int windowSeconds,
    List<String> filters,
    boolean reportItemFailures,
    Integer maxConcurrency,
    boolean enabled,
    Instant lastModified) {

  Mapping {
    filters = List.copyOf(filters);
  }

  /** The state a read shows once the mapping settled. */
  String settledState() {
    return enabled ? "Enabled" : "Disabled";
  }

  /** The function's name without its qualifier. */
  String functionName() {
    int colon = function.indexOf(':');
    return colon < 0 ? function : function.substring(0, colon);
  }
}
