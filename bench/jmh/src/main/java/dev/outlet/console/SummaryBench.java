package dev.outlet.console;

import dev.outlet.bench.jmh.TempFolder;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The console's dashboard query ({@code /api/summary}) over a real metrics.db holding 15 days of
 * minutes: {@link #FUNCTIONS} functions invoked every minute of the 15 days (the account's series,
 * each function's, 11 metrics each), read for the window of the {@code minutes} parameter, for the
 * account (with every function's totals) and for one function.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SummaryBench {
  static final int FUNCTIONS = 10;
  static final int DAYS = 15;

  @Param({"60", "1440", "21600"})
  public int minutes;

  private Path dir;
  private LambdaMetrics metrics;
  private Summaries summaries;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    dir = TempFolder.create("outlet-jmh-summary");
    metrics = LambdaMetrics.open(dir, InstantSource.system());
    long now = System.currentTimeMillis();
    long first = now - DAYS * 86_400_000L + 120_000;
    int n = 0;
    for (long t = first; t < now; t += 60_000) {
      for (int f = 0; f < FUNCTIONS; f++) {
        metrics.completed(
            new InvocationSample(
                "fn-" + f,
                "$LATEST",
                "x86_64",
                128,
                5 + (n % 50),
                (n % 100) == 0 ? 80 : -1,
                6 + (n % 50),
                40,
                (n % 97) == 0 ? "Unhandled" : "Success",
                null,
                t,
                null));
        if (++n % 20_000 == 0) {
          metrics.store().flush();
        }
      }
    }
    metrics.store().flush();
    summaries = new Summaries(metrics.store(), InstantSource.system());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    metrics.close();
    TempFolder.delete(dir);
  }

  @Benchmark
  public Summary account() {
    return summaries.summary(minutes, null).join();
  }

  @Benchmark
  public Summary oneFunction() {
    return summaries.summary(minutes, "fn-3").join();
  }
}
