package dev.outlet.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable quantile sketch with logarithmic buckets (as DDSketch): a value {@code v > 0} falls
 * in bucket {@code ceil(log(v) / log(1.02))}, so any quantile is within 1 % of a value that was
 * recorded. Values at or below zero are counted apart. Size grows with the spread of the values
 * (about 115 buckets per factor of 10), not with their number.
 *
 * <p>Not thread-safe: owned by one thread at a time.
 */
public final class Sketch {
  private static final double GAMMA = 1.02;
  private static final double LOG_GAMMA = Math.log(GAMMA);

  private final TreeMap<Integer, Long> buckets = new TreeMap<>();
  private long zeros;

  public void add(double value) {
    if (value <= 0 || Double.isNaN(value)) {
      zeros++;
    } else {
      buckets.merge((int) Math.ceil(Math.log(value) / LOG_GAMMA), 1L, Long::sum);
    }
  }

  public void merge(Sketch other) {
    zeros += other.zeros;
    other.buckets.forEach((i, c) -> buckets.merge(i, c, Long::sum));
  }

  public long count() {
    long n = zeros;
    for (long c : buckets.values()) {
      n += c;
    }
    return n;
  }

  /**
   * The value at quantile {@code q} (0 to 1) by nearest rank, or NaN when empty.
   *
   * @return the middle of the bucket holding that rank; 0 for values at or below zero
   */
  public double quantile(double q) {
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n)); // nearest rank, 1-based
    long seen = zeros;
    if (rank <= seen) {
      return 0;
    }
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      seen += e.getValue();
      if (rank <= seen) {
        return 2 * Math.pow(GAMMA, e.getKey()) / (GAMMA + 1);
      }
    }
    return 2 * Math.pow(GAMMA, buckets.lastKey()) / (GAMMA + 1);
  }

  /** A compact encoding: varints of the zero count, the bucket count, then (index delta, count). */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 + buckets.size() * 3);
    writeVarint(out, zeros);
    writeVarint(out, buckets.size());
    int previous = 0;
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      int delta = e.getKey() - previous;
      writeVarint(out, (delta << 1) ^ (delta >> 31)); // zigzag
      writeVarint(out, e.getValue());
      previous = e.getKey();
    }
    return out.toByteArray();
  }

  /**
   * Reads {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not such an encoding
   */
  public static Sketch fromBytes(byte[] bytes) {
    Sketch s = new Sketch();
    if (bytes == null || bytes.length == 0) {
      return s;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      s.zeros = readVarint(in);
      long n = readVarint(in);
      int index = 0;
      for (long k = 0; k < n; k++) {
        int z = (int) readVarint(in);
        index += (z >>> 1) ^ -(z & 1);
        s.buckets.put(index, readVarint(in));
      }
      return s;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a sketch encoding", e);
    }
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(ByteBuffer in) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
