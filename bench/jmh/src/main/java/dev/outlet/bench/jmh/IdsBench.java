package dev.outlet.bench.jmh;

import dev.outlet.api.Ids;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Ids#uuid}: one request id per invocation, against the JDK's SecureRandom UUID. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdsBench {

  @Benchmark
  public String outletUuid() {
    return Ids.uuid();
  }

  @Benchmark
  public String jdkRandomUuid() {
    return java.util.UUID.randomUUID().toString();
  }
}
