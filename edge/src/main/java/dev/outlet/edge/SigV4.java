package dev.outlet.edge;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of Signature Version 4: the canonical request, the string to sign, the signing key
 * and the signature, as AWS's SDKs compute them for every service but S3 (path segments encoded
 * twice, dot segments removed). Pure and thread-safe.
 */
public final class SigV4 {
  private static final HexFormat HEX = HexFormat.of();

  private SigV4() {}

  /** The parts of a request the signature covers. */
  public record Signed(
      String method,
      String rawPath,
      String rawQuery,
      Function<String, List<String>> headers,
      List<String> signedHeaders,
      String payloadHash) {}

  /**
   * The canonical request.
   *
   * @param excludeSignature true for presigned requests, whose {@code X-Amz-Signature} parameter is
   *     not part of what was signed
   */
  public static String canonicalRequest(Signed r, boolean excludeSignature) {
    StringBuilder b = new StringBuilder(256);
    b.append(r.method()).append('\n');
    b.append(canonicalPath(r.rawPath())).append('\n');
    b.append(canonicalQuery(r.rawQuery(), excludeSignature)).append('\n');
    for (String name : r.signedHeaders()) {
      b.append(name).append(':').append(canonicalValue(r.headers().apply(name))).append('\n');
    }
    b.append('\n');
    b.append(String.join(";", r.signedHeaders())).append('\n');
    b.append(r.payloadHash());
    return b.toString();
  }

  /** {@code AWS4-HMAC-SHA256\n<date>\n<scope>\n<hash of the canonical request>}. */
  public static String stringToSign(String amzDate, Credential scope, String canonicalRequest) {
    return RequestIdentity.ALGORITHM
        + '\n'
        + amzDate
        + '\n'
        + scope.date()
        + '/'
        + scope.region()
        + '/'
        + scope.service()
        + "/aws4_request\n"
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex signature of {@code stringToSign} with the key derived from {@code secret}. */
  public static String signature(String secret, Credential scope, String stringToSign) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
    key = hmac(key, scope.region());
    key = hmac(key, scope.service());
    key = hmac(key, "aws4_request");
    return HEX.formatHex(hmac(key, stringToSign));
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Compares two signatures in time independent of where they differ. */
  public static boolean same(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  /**
   * The path as sent (percent-encoded once), with dot segments and empty segments' doubles left as
   * the SDKs leave them, then every segment encoded again.
   */
  static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String normalized = removeDotSegments(rawPath);
    StringBuilder b = new StringBuilder(normalized.length() + 16);
    normalized.codePoints().forEach(c -> encodeChar(c, b, true));
    return b.toString();
  }

  private static String removeDotSegments(String path) {
    if (!path.contains("/.") && !path.startsWith(".")) {
      return path;
    }
    Deque<String> out = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals(".")) {
        if (i == segments.length - 1) {
          out.addLast("");
        }
      } else if (s.equals("..")) {
        out.pollLast();
        if (i == segments.length - 1) {
          out.addLast("");
        }
      } else {
        out.addLast(s);
      }
    }
    return "/" + String.join("/", out);
  }

  /**
   * The query's parameters decoded, encoded again by AWS's rules, and sorted by name then value.
   */
  static String canonicalQuery(String rawQuery, boolean excludeSignature) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = encode(Percent.decode(eq < 0 ? pair : pair.substring(0, eq), true));
      String value = eq < 0 ? "" : encode(Percent.decode(pair.substring(eq + 1), true));
      if (excludeSignature && name.equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {name, value});
    }
    pairs.sort(
        (a, b) -> {
          int byName = a[0].compareTo(b[0]);
          return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
    StringBuilder b = new StringBuilder(rawQuery.length() + 16);
    for (String[] p : pairs) {
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(p[0]).append('=').append(p[1]);
    }
    return b.toString();
  }

  /** Trimmed, inner runs of spaces collapsed, several values joined by commas. */
  private static String canonicalValue(List<String> values) {
    if (values == null || values.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String v : values) {
      if (!b.isEmpty()) {
        b.append(',');
      }
      b.append(v.strip().replaceAll("\\s+", " "));
    }
    return b.toString();
  }

  /** AWS's URI encoding: unreserved characters kept, every other UTF-8 byte as {@code %XX}. */
  static String encode(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    s.codePoints().forEach(c -> encodeChar(c, b, false));
    return b.toString();
  }

  private static void encodeChar(int c, StringBuilder b, boolean keepSlash) {
    if ((c >= 'A' && c <= 'Z')
        || (keepSlash && c == '/')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~') {
      b.appendCodePoint(c);
      return;
    }
    for (byte x : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
      b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)));
      b.append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
    }
  }
}
