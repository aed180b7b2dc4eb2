package dev.outlet.sqs;

/** UTF-8 lengths without encoding. Pure. */
final class Utf8 {
  private Utf8() {}

  /** The number of bytes {@code s} takes in UTF-8 (a lone surrogate as one '?' byte). */
  static int length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n += 1;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
