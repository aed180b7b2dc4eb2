package dev.outlet.api;

/**
 * A constant-time plausibility check of an Invoke payload: its first significant byte must be able
 * to start a JSON value. The payload itself is never parsed (it goes to the function as bytes);
 * this catches the common mistake of sending raw text without {@code --cli-binary-format}.
 */
final class JsonSniff {
  private JsonSniff() {}

  static boolean plausible(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      i = 3; // UTF-8 byte order mark
    }
    for (; i < b.length; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      return c == '{'
          || c == '['
          || c == '"'
          || c == '-'
          || (c >= '0' && c <= '9')
          || c == 't'
          || c == 'f'
          || c == 'n';
    }
    return false;
  }
}
