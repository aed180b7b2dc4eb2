package dev.outlet.registry;

/**
 * A chunk's {@code Content-Range} on {@code PATCH} (pure): {@code <start>-<end>}, inclusive, as
 * Docker's clients send it (also accepted with a {@code bytes } prefix and a {@code /<total>}
 * suffix).
 *
 * @param start the chunk's first byte's offset
 * @param end its last byte's offset (inclusive)
 */
public record ContentRange(long start, long end) {
  /** The range {@code header} names; RANGE_INVALID when it is malformed. */
  public static ContentRange parse(String header) {
    String s = header.trim();
    if (s.startsWith("bytes ")) {
      s = s.substring(6).trim();
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    int dash = s.indexOf('-');
    if (dash <= 0 || dash == s.length() - 1 || s.length() > 41) {
      throw invalid(header);
    }
    long start = digits(s.substring(0, dash), header);
    long end = digits(s.substring(dash + 1), header);
    if (end < start) {
      throw invalid(header);
    }
    return new ContentRange(start, end);
  }

  private static long digits(String s, String header) {
    if (s.isEmpty() || s.length() > 18) {
      throw invalid(header);
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(header);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static RegistryError invalid(String header) {
    return new RegistryError(
        RegistryError.Code.RANGE_INVALID,
        "invalid content range",
        header.length() > 100 ? header.substring(0, 100) : header);
  }
}
