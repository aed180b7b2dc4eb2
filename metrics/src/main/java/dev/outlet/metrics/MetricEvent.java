package dev.outlet.metrics;

import dev.outlet.invoke.InvocationSample;

/** What the observer hands to the metrics writer: immutable, one per observed fact. */
sealed interface MetricEvent {

  /** An invocation ended. */
  record Invoked(InvocationSample sample) implements MetricEvent {}

  /** An invocation was refused by a concurrency limit. */
  record Throttled(String function, String version, long epochMillis) implements MetricEvent {}

  /** Running invocations, after one more started (or at a minute's start, while some run). */
  record Concurrency(String function, int functionValue, int accountValue, long epochMillis)
      implements MetricEvent {}
}
