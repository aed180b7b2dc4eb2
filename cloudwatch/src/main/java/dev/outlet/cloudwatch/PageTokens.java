package dev.outlet.cloudwatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code nextToken}s of the Describe operations: the sort key of the last item returned,
 * base64url-encoded. The next page starts strictly after that key, so a token stays valid (and
 * never repeats) when items are added or removed. Pure functions.
 */
final class PageTokens {

  private PageTokens() {}

  static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The key in {@code token}, or null for a null token. */
  static String decode(String token) {
    if (token == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsException.invalid("The specified nextToken is invalid.");
    }
  }
}
