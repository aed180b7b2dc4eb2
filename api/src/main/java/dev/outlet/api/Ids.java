package dev.outlet.api;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: version-4 UUIDs from a thread-local generator (no SecureRandom on the hot path). */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  public static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] c = new char[36];
    int at = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        c[at++] = '-';
      }
      long word = i < 16 ? hi : lo;
      int shift = (15 - (i % 16)) * 4;
      c[at++] = HEX[(int) (word >>> shift) & 0xF];
    }
    return new String(c);
  }

  /** {@code digits} (at most 32) random lower-case hex digits, as in an X-Ray trace id. */
  public static String hex(int digits) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] c = new char[digits];
    long word = 0;
    for (int i = 0; i < digits; i++) {
      if (i % 16 == 0) {
        word = r.nextLong();
      }
      c[i] = HEX[(int) (word >>> ((i % 16) * 4)) & 0xF];
    }
    return new String(c);
  }
}
