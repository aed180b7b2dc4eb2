package dev.outlet.bench.jmh;

import dev.outlet.invoke.InvocationSample;
import dev.outlet.metrics.LambdaMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metrics per warm invocation: {@link LambdaMetrics#completed} as the invoke path calls it (the
 * Prometheus meters of the function and of the account, and the observation offered to the minute
 * store), then the minute store's writer folding them (the benchmark waits for its flush every
 * 1,000 invocations, so the writer's CPU is in the figure). A real SQLite file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsBench {
  private static final int INVOCATIONS = 1000;

  private Path dir;
  private LambdaMetrics metrics;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = TempFolder.create("outlet-jmh-metrics");
    metrics = LambdaMetrics.open(dir, InstantSource.system());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    metrics.close();
    TempFolder.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(INVOCATIONS)
  public void completed() {
    long now = System.currentTimeMillis();
    for (int i = 0; i < INVOCATIONS; i++) {
      metrics.completed(
          new InvocationSample(
              "echo",
              "$LATEST",
              "x86_64",
              1769,
              0.41 + (i & 7) * 0.01,
              -1,
              1,
              7,
              "Success",
              null,
              now,
              null));
    }
    metrics.store().flush();
  }
}
