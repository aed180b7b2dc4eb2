package dev.outlet.bench.jmh;

import dev.outlet.sandbox.TailBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TailBuffer}: every line a runtime prints is appended (the log pump's path); {@code
 * base64()} runs for {@code X-Amz-Log-Type: Tail}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TailBufferBench {
  private static final int LIMIT = 4096;

  public String line = "2026-11-27T10:15:30.123Z\tINFO\thandled request for customer 12345 in 3 ms";
  private TailBuffer full;

  /** A buffer already at its limit, so that each add also evicts (the steady state of a flood). */
  @Setup(Level.Iteration)
  public void fill() {
    full = new TailBuffer(LIMIT);
    for (int i = 0; i < 200; i++) {
      full.add(line);
    }
  }

  @Benchmark
  public TailBuffer addAtLimit() {
    full.add(line);
    return full;
  }

  /** A typical warm invocation: START, three function lines, END, REPORT, then rendered. */
  @Benchmark
  public String invocationTail() {
    TailBuffer t = new TailBuffer(LIMIT);
    t.add("START RequestId: 5cb51b31-922f-49e5-be5c-1c808de7814c Version: $LATEST");
    t.add(line);
    t.add(line);
    t.add(line);
    t.add("END RequestId: 5cb51b31-922f-49e5-be5c-1c808de7814c");
    t.add(
        "REPORT RequestId: 5cb51b31-922f-49e5-be5c-1c808de7814c\tDuration: 1.21 ms\tBilled"
            + " Duration: 2 ms\tMemory Size: 1769 MB\tMax Memory Used: 7 MB\t");
    return t.base64();
  }

  /** Rendering a full 4 KB tail. */
  @Benchmark
  public String base64Full() {
    return full.base64();
  }
}
