package dev.outlet.metrics;

import dev.outlet.invoke.InvocationSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer meters of one scope: a function version (tags {@code function_name}, {@code
 * version}) or the whole account (prefix {@code aws.lambda.account}, no tags). Thread-safe: meters
 * are lock-free or briefly locked, never block on I/O.
 */
final class MeterSet {
  private final Counter invocations;
  private final Counter errors;
  private final Counter throttles;
  private final Counter coldStarts;
  private final Counter warmStarts;
  private final Counter gbSeconds;
  private final Counter cost;
  private final Timer duration;
  private final Timer initDuration;
  private final DistributionSummary maxMemory;

  MeterSet(MeterRegistry registry, String prefix, Tags tags) {
    invocations = counter(registry, prefix + ".invocations", tags, "Invocations", null);
    errors = counter(registry, prefix + ".errors", tags, "Function and platform errors", null);
    throttles = counter(registry, prefix + ".throttles", tags, "Throttled requests", null);
    coldStarts = counter(registry, prefix + ".cold.starts", tags, "Cold starts", null);
    warmStarts = counter(registry, prefix + ".warm.starts", tags, "Warm starts", null);
    gbSeconds = counter(registry, prefix + ".billed.gb.seconds", tags, "Billed GB-seconds", null);
    cost =
        counter(
            registry,
            prefix + ".estimated.cost",
            tags,
            "Estimated cost at AWS on-demand prices (us-east-1)",
            "usd");
    duration = timer(registry, prefix + ".duration", tags, "Duration as REPORT states it");
    initDuration = timer(registry, prefix + ".init.duration", tags, "Init Duration of cold starts");
    maxMemory =
        DistributionSummary.builder(prefix + ".max.memory.used")
            .tags(tags)
            .baseUnit("megabytes")
            .description("Max Memory Used as REPORT states it")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(registry);
  }

  void completed(InvocationSample s) {
    invocations.increment();
    if (s.error()) {
      errors.increment();
    }
    (s.cold() ? coldStarts : warmStarts).increment();
    if (s.cold()) {
      initDuration.record(nanos(s.initMillis()), TimeUnit.NANOSECONDS);
    }
    duration.record(nanos(s.durationMillis()), TimeUnit.NANOSECONDS);
    if (s.maxMemoryUsedMb() > 0) {
      maxMemory.record(s.maxMemoryUsedMb());
    }
    gbSeconds.increment(Prices.gbSeconds(s.billedMillis(), s.memorySizeMb()));
    cost.increment(Prices.cost(s.architecture(), s.billedMillis(), s.memorySizeMb()));
  }

  void throttled() {
    throttles.increment();
  }

  private static long nanos(double millis) {
    return Math.round(millis * 1_000_000);
  }

  private static Counter counter(
      MeterRegistry r, String name, Tags tags, String description, String unit) {
    return Counter.builder(name).tags(tags).description(description).baseUnit(unit).register(r);
  }

  private static Timer timer(MeterRegistry r, String name, Tags tags, String description) {
    return Timer.builder(name)
        .tags(tags)
        .description(description)
        .publishPercentiles(0.5, 0.9, 0.99)
        .percentilePrecision(2)
        .register(r);
  }
}
