package dev.outlet.registry;

import java.util.HexFormat;

/**
 * A content digest, {@code sha256:<64 lower-case hex>}: the only algorithm ECR accepts, and what
 * every client pushes.
 *
 * @param hex the 64 hex digits
 */
public record Digest(String hex) {
  public static final String PREFIX = "sha256:";

  public Digest {
    if (!isHex64(hex)) {
      throw new IllegalArgumentException("not a sha256 hex digest");
    }
  }

  /** Parses {@code text}; DIGEST_INVALID (with the text as detail) when it is not one. */
  public static Digest parse(String text) {
    if (text == null || !text.startsWith(PREFIX) || !isHex64(text.substring(PREFIX.length()))) {
      throw new RegistryError(
          RegistryError.Code.DIGEST_INVALID,
          "provided digest did not match uploaded content",
          text == null ? null : text.length() > 200 ? text.substring(0, 200) : text);
    }
    return new Digest(text.substring(PREFIX.length()));
  }

  /** Whether {@code text} looks like a digest (as opposed to a tag). */
  public static boolean looksLikeDigest(String text) {
    return text != null && text.indexOf(':') > 0;
  }

  /** The digest of finished SHA-256 bytes. */
  public static Digest of(byte[] sha256) {
    return new Digest(HexFormat.of().formatHex(sha256));
  }

  /** The digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    try {
      return of(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isHex64(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return PREFIX + hex;
  }
}
