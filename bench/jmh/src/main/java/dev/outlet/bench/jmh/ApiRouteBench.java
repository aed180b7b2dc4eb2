package dev.outlet.bench.jmh;

import dev.outlet.api.ApiRoute;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link ApiRoute#of}: run once per API request, Invoke included. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ApiRouteBench {

  /** The Invoke path (the hot one), a control-plane path, and a percent-encoded ARN. */
  @Param({
    "/2015-03-31/functions/my-function/invocations",
    "/2015-03-31/functions/my-function/configuration",
    "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations"
  })
  public String path;

  @Benchmark
  public ApiRoute route() {
    return ApiRoute.of("POST", path);
  }
}
