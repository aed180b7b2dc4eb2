package dev.outlet.images;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:9f86d0...}: only sha256 (what every registry, Docker and
 * the OCI layout write) and sha512 are accepted, with the exact length of lowercase hex.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public Digest {
    int length =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default -> throw new ImageException("unsupported digest algorithm " + quote(algorithm));
        };
    if (hex.length() != length || !HEX.matcher(hex).matches()) {
      throw new ImageException(
          "invalid "
              + algorithm
              + " digest "
              + quote(hex)
              + ": expected "
              + length
              + " hex digits");
    }
  }

  /** Parses {@code algorithm:hex}. */
  public static Digest parse(String text) {
    if (text == null) {
      throw new ImageException("missing digest");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new ImageException("invalid digest " + quote(text) + ": expected algorithm:hex");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The sha256 digest of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(newHasher("sha256").digest(bytes)));
  }

  /** A fresh hasher for {@code algorithm}. */
  static MessageDigest newHasher(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  /** A name usable as one file name: {@code sha256-<hex>}. */
  public String fileName() {
    return algorithm + "-" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  /** Quotes untrusted text for a message, cut at 200 characters. */
  static String quote(String text) {
    String s = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return "\"" + s.replace("\n", "\\n") + "\"";
  }
}
