package dev.outlet.bench.jmh;

import dev.outlet.invoke.PoolPolicy;
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

/** {@link PoolPolicy#throttleReason}: asked before every acquisition. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolPolicyBench {
  public int inFlight = 63;
  public int reserved = 100;
  public int unreservedInFlight = 640;
  public int accountLimit = 1000;
  public int reservedTotal = 200;

  @Benchmark
  public String unreserved() {
    return PoolPolicy.throttleReason(inFlight, -1, unreservedInFlight, accountLimit, reservedTotal);
  }

  @Benchmark
  public String reserved() {
    return PoolPolicy.throttleReason(
        inFlight, reserved, unreservedInFlight, accountLimit, reservedTotal);
  }
}
