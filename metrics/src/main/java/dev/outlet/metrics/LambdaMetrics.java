package dev.outlet.metrics;

import dev.outlet.core.MetricsDatabase;
import dev.outlet.invoke.InvocationObserver;
import dev.outlet.invoke.InvocationSample;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outlet's metrics: an {@link InvocationObserver} that updates Micrometer meters named as
 * CloudWatch's {@code AWS/Lambda} namespace (scraped in Prometheus text format by {@link
 * #scrape()}) and hands each observation to the durable {@link MinuteStore}.
 *
 * <p>Thread-safe. The observer methods run on the invocation's completing thread, often an event
 * loop: they update in-memory meters and offer one event to a bounded queue, never wait for I/O,
 * and never throw. Meters per function version are created on first use and kept while Outlet runs.
 */
public final class LambdaMetrics implements InvocationObserver, AutoCloseable {
  private record Scope(String function, String version) {}

  private final PrometheusMeterRegistry registry;
  private final InstantSource clock;
  private final MinuteStore store;
  private final MeterSet account;
  private final Map<Scope, MeterSet> functions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
  private final AtomicInteger runningTotal = new AtomicInteger();

  private LambdaMetrics(
      MetricsDatabase database, InstantSource clock, MinuteStore.Options options) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.clock = clock;
    this.store = MinuteStore.open(database, clock, this::runningNow, options);
    this.account = new MeterSet(registry, "aws.lambda.account", Tags.empty());
    Gauge.builder("aws.lambda.account.concurrent.executions", runningTotal, AtomicInteger::get)
        .description("Invocations running now")
        .register(registry);
    FunctionCounter.builder("outlet.metrics.dropped.events", store, MinuteStore::dropped)
        .description("Observations the metrics store could not keep up with")
        .register(registry);
  }

  /**
   * Starts metrics over {@code <dataDir>/metrics.db}.
   *
   * @throws MetricsStoreException if the database cannot be opened
   */
  public static LambdaMetrics open(Path dataDir, InstantSource clock) {
    return open(dataDir, clock, MinuteStore.Options.defaults());
  }

  public static LambdaMetrics open(Path dataDir, InstantSource clock, MinuteStore.Options options) {
    return new LambdaMetrics(SqliteMetricsDatabase.in(dataDir), clock, options);
  }

  /**
   * Starts metrics over {@code database}: in a cluster, the schema the nodes share, so that each
   * node's queries sum every node's invocations.
   *
   * @throws MetricsStoreException if the database cannot be opened
   */
  public static LambdaMetrics open(MetricsDatabase database, InstantSource clock) {
    return new LambdaMetrics(database, clock, MinuteStore.Options.defaults());
  }

  @Override
  public void completed(InvocationSample sample) {
    meters(sample.function(), sample.version()).completed(sample);
    account.completed(sample);
    store.offer(new MetricEvent.Invoked(sample));
  }

  @Override
  public void throttled(String function, String version) {
    meters(function, version).throttled();
    account.throttled();
    store.offer(new MetricEvent.Throttled(function, version, clock.millis()));
  }

  @Override
  public void concurrency(String function, int delta) {
    int value = running.computeIfAbsent(function, this::gauge).addAndGet(delta);
    int total = runningTotal.addAndGet(delta);
    if (delta > 0) {
      store.offer(new MetricEvent.Concurrency(function, value, total, clock.millis()));
    }
  }

  /**
   * Every meter in Prometheus text format (0.0.4). CPU only; may take a few ms with many meters.
   */
  public String scrape() {
    return registry.scrape();
  }

  /** The durable minute aggregates, for the CloudWatch API. */
  public MinuteStore store() {
    return store;
  }

  /** Stores everything observed so far and closes the database. */
  @Override
  public void close() {
    store.close();
    registry.close();
  }

  private MeterSet meters(String function, String version) {
    return functions.computeIfAbsent(
        new Scope(function, version),
        s ->
            new MeterSet(
                registry, "aws.lambda", Tags.of("function_name", function, "version", version)));
  }

  private AtomicInteger gauge(String function) {
    AtomicInteger n = new AtomicInteger();
    Gauge.builder("aws.lambda.concurrent.executions", n, AtomicInteger::get)
        .tag("function_name", function)
        .description("Invocations of the function running now")
        .register(registry);
    return n;
  }

  private Map<String, Integer> runningNow() {
    Map<String, Integer> out = new HashMap<>();
    running.forEach((f, n) -> out.put(f, n.get()));
    return out;
  }
}
