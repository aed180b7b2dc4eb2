package dev.outlet.iam;

import java.security.SecureRandom;

/**
 * Makes access key ids and secrets in AWS's formats: {@code AKIA} (long-term) or {@code ASIA}
 * (temporary) and 16 characters of base32; secrets of 40 characters of base64's alphabet. Thread-
 * safe.
 */
final class KeyMaker {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyMaker() {}

  static String longTermId() {
    return "AKIA" + base32(16);
  }

  static String temporaryId() {
    return "ASIA" + base32(16);
  }

  /** A session token: 240 random bytes in base64 (320 characters), opaque like AWS's. */
  static String sessionToken() {
    byte[] bytes = new byte[240];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  static String base32(int n) {
    return draw(BASE32, n);
  }

  static String secret() {
    return draw(BASE64, 40);
  }

  private static String draw(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
