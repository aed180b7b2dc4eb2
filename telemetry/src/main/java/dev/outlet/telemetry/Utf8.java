package dev.outlet.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * UTF-8 sizes and CloudWatch's event-size split. Pure functions.
 *
 * <p>Unpaired surrogates count as 3 bytes, what the replacement they get on encoding weighs at
 * most.
 */
final class Utf8 {

  /** CloudWatch's maximum event size, 262,144 bytes, minus its 26-byte per-event overhead. */
  static final int MAX_EVENT_BYTES = 262_144 - 26;

  private Utf8() {}

  /** The UTF-8 encoded length of {@code s}. */
  static long length(String s) {
    long bytes = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Splits {@code s} into consecutive pieces of at most {@code maxBytes} UTF-8 bytes each, never
   * inside a code point. Returns {@code [s]} when it fits; an empty string yields {@code [""]}.
   */
  static List<String> split(String s, int maxBytes) {
    if (maxBytes < 4) {
      throw new IllegalArgumentException("maxBytes < 4: " + maxBytes);
    }
    // A UTF-16 unit never takes more than 3 bytes: most lines need no scan at all.
    if ((long) s.length() * 3 <= maxBytes) {
      return List.of(s);
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    int bytes = 0;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      int units = 1;
      int size;
      if (c < 0x80) {
        size = 1;
      } else if (c < 0x800) {
        size = 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        size = 4;
        units = 2;
      } else {
        size = 3;
      }
      if (bytes + size > maxBytes) {
        pieces.add(s.substring(start, i));
        start = i;
        bytes = 0;
      }
      bytes += size;
      i += units;
    }
    pieces.add(s.substring(start));
    return pieces;
  }
}
