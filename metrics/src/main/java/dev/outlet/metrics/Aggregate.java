package dev.outlet.metrics;

/**
 * The statistics CloudWatch keeps for one series over one period: SampleCount, Sum, Minimum,
 * Maximum, and a {@link Sketch} for percentiles. Aggregates merge: a period's aggregate is the
 * merge of its minutes'.
 *
 * <p>Not thread-safe: owned by one thread at a time (the metrics writer, or the query that built
 * it).
 */
public final class Aggregate {
  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private final Sketch sketch;

  public Aggregate() {
    this(new Sketch());
  }

  private Aggregate(Sketch sketch) {
    this.sketch = sketch;
  }

  /** An aggregate as stored. */
  public static Aggregate of(long count, double sum, double min, double max, Sketch sketch) {
    Aggregate a = new Aggregate(sketch);
    a.count = count;
    a.sum = sum;
    a.min = min;
    a.max = max;
    return a;
  }

  public void add(double value) {
    count++;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    sketch.add(value);
  }

  public void merge(Aggregate other) {
    count += other.count;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    sketch.merge(other.sketch);
  }

  /** A copy that shares nothing with this one. */
  public Aggregate copy() {
    Aggregate a = new Aggregate();
    a.merge(this);
    return a;
  }

  public long sampleCount() {
    return count;
  }

  public double sum() {
    return sum;
  }

  public double average() {
    return count == 0 ? Double.NaN : sum / count;
  }

  public double minimum() {
    return min;
  }

  public double maximum() {
    return max;
  }

  /** The {@code q} quantile (0 to 1), within the recorded minimum and maximum. */
  public double percentile(double q) {
    double v = sketch.quantile(q);
    return Double.isNaN(v) ? v : Math.max(min, Math.min(max, v));
  }

  public Sketch sketch() {
    return sketch;
  }
}
