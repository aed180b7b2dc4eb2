package dev.outlet.metrics;

import dev.outlet.invoke.InvocationSample;

/** Invocation samples for tests. */
public final class Samples {
  private Samples() {}

  public static InvocationSample warm(String function, double durationMillis, long at) {
    return new InvocationSample(
        function,
        "$LATEST",
        "x86_64",
        128,
        durationMillis,
        -1,
        (long) Math.ceil(durationMillis),
        30,
        "Success",
        null,
        at,
        null);
  }

  public static InvocationSample cold(
      String function, double durationMillis, double init, long at) {
    return new InvocationSample(
        function,
        "$LATEST",
        "x86_64",
        128,
        durationMillis,
        init,
        (long) Math.ceil(durationMillis + init),
        30,
        "Success",
        null,
        at,
        null);
  }

  public static InvocationSample failed(String function, double durationMillis, long at) {
    return new InvocationSample(
        function,
        "$LATEST",
        "x86_64",
        128,
        durationMillis,
        -1,
        (long) Math.ceil(durationMillis),
        30,
        "FunctionError",
        "Handled",
        at,
        null);
  }
}
