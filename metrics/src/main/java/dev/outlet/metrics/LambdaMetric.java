package dev.outlet.metrics;

import java.util.Optional;

/**
 * The metrics Outlet publishes in the {@code AWS/Lambda} namespace: AWS's own names and units, then
 * what AWS does not publish (init duration, start types, memory, billed GB-seconds, cost).
 */
public enum LambdaMetric {
  INVOCATIONS("Invocations", "Count"),
  ERRORS("Errors", "Count"),
  THROTTLES("Throttles", "Count"),
  DURATION("Duration", "Milliseconds"),
  CONCURRENT_EXECUTIONS("ConcurrentExecutions", "Count"),
  PROVISIONED_CONCURRENCY_INVOCATIONS("ProvisionedConcurrencyInvocations", "Count"),
  PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS(
      "ProvisionedConcurrencySpilloverInvocations", "Count"),
  PROVISIONED_CONCURRENT_EXECUTIONS("ProvisionedConcurrentExecutions", "Count"),
  PROVISIONED_CONCURRENCY_UTILIZATION("ProvisionedConcurrencyUtilization", "None"),
  INIT_DURATION("InitDuration", "Milliseconds"),
  COLD_STARTS("ColdStarts", "Count"),
  WARM_STARTS("WarmStarts", "Count"),
  MAX_MEMORY_USED("MaxMemoryUsed", "Megabytes"),
  BILLED_GB_SECONDS("BilledGBSeconds", "None"),
  ESTIMATED_COST("EstimatedCost", "None");

  /** The CloudWatch namespace of every metric here. */
  public static final String NAMESPACE = "AWS/Lambda";

  private final String cloudWatchName;
  private final String unit;

  LambdaMetric(String cloudWatchName, String unit) {
    this.cloudWatchName = cloudWatchName;
    this.unit = unit;
  }

  /** The MetricName, e.g. {@code Duration}. */
  public String cloudWatchName() {
    return cloudWatchName;
  }

  /** The CloudWatch StandardUnit, e.g. {@code Milliseconds}. */
  public String unit() {
    return unit;
  }

  /** The metric with this MetricName (case-sensitive, as CloudWatch). */
  public static Optional<LambdaMetric> named(String name) {
    for (LambdaMetric m : values()) {
      if (m.cloudWatchName.equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
