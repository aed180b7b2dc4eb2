package dev.outlet.storage;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;

/**
 * The messages a refused package gets. AWS's own sentences come first, verbatim (clients and
 * scripts match on them); Outlet adds one sentence naming the entry at fault, because "check your
 * file" alone does not say what to fix.
 */
final class PackageErrors {
  static final String CORRUPT =
      "Could not unzip uploaded file. Please check your file, then try to upload again.";

  /** Names in messages are cut here: an entry name can be 64 KiB long. */
  private static final int MAX_QUOTED = 200;

  private PackageErrors() {}

  static LambdaException corrupt() {
    return LambdaException.invalidParameter(CORRUPT);
  }

  static LambdaException corrupt(String sentence) {
    return LambdaException.invalidParameter(CORRUPT + " " + sentence);
  }

  static LambdaException zippedTooLarge() {
    return new LambdaException(
        ErrorCode.REQUEST_ENTITY_TOO_LARGE,
        "Zipped size must be smaller than " + Limits.ZIPPED_CODE + " bytes");
  }

  static LambdaException unzippedTooLarge() {
    return LambdaException.invalidParameter(
        "Unzipped size must be smaller than " + Limits.UNZIPPED_CODE + " bytes");
  }

  static LambdaException outside(String entryName) {
    return corrupt("The entry " + quote(entryName) + " points outside the package.");
  }

  static LambdaException conflict(String entryName) {
    return corrupt(
        "The entry "
            + quote(entryName)
            + " clashes with another entry of the same path (a duplicate, or a file where a"
            + " folder is expected).");
  }

  static LambdaException linkOutside(String linkName, String target) {
    return corrupt(
        "The symbolic link "
            + quote(linkName)
            + " points to "
            + quote(target)
            + ", outside the package (links must be relative and stay inside it).");
  }

  /**
   * Quotes a name from the zip for a message: control characters escaped (a NUL or newline must not
   * reach logs or terminals raw) and long names cut.
   */
  static String quote(String name) {
    StringBuilder out = new StringBuilder("'");
    int end = Math.min(name.length(), MAX_QUOTED);
    for (int i = 0; i < end; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(name.length() > MAX_QUOTED ? "...'" : "'").toString();
  }
}
