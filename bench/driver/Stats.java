import java.util.Arrays;
import java.util.List;

/**
 * A summary of samples: count, min, median, p99 (nearest rank, so with fewer than 100 samples it is
 * the max) and max. Immutable.
 */
record Stats(long n, double min, double median, double p99, double max) {

  static Stats of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Stats(s.length, s[0], median(s), rank(s, 0.99), s[s.length - 1]);
  }

  static Stats of(double... samples) {
    return of(Arrays.stream(samples).boxed().toList());
  }

  /** A distribution a tool summarised already (wrk): n is the number of requests behind it. */
  static Stats ofDistribution(long n, double min, double median, double p99, double max) {
    return new Stats(n, min, median, p99, max);
  }

  private static double median(double[] s) {
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  private static double rank(double[] s, double q) {
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  String json() {
    return "{\"n\":%d,\"min\":%s,\"median\":%s,\"p99\":%s,\"max\":%s}"
        .formatted(n, Json.num(min), Json.num(median), Json.num(p99), Json.num(max));
  }
}
