package dev.outlet.bench.jmh;

import dev.outlet.telemetry.PlatformLines;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link PlatformLines#report}: one REPORT line per invocation, on every path. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReportLineBench {
  // Fields, not constants, so that the JIT cannot fold the call away.
  public String requestId = "5cb51b31-922f-49e5-be5c-1c808de7814c";
  public double duration = 1.2149;
  public double init = 10.4812;
  public int memory = 1769;
  public long used = 7;

  @Benchmark
  public String warm() {
    return PlatformLines.report(
        requestId, duration, PlatformLines.billed(duration, -1), memory, used, -1, null, null);
  }

  @Benchmark
  public String coldWithError() {
    return PlatformLines.report(
        requestId,
        duration,
        PlatformLines.billed(duration, init),
        memory,
        used,
        init,
        "error",
        "Runtime.ExitError");
  }
}
