package dev.outlet.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links GetFunction answers in {@code Code.Location}: like AWS's presigned S3 URLs, each works
 * for {@link #VALID} and for one package only, so a link is no standing door to the code (in {@code
 * --auth iam} mode only a signed GetFunction can make one). Signed with a key made at start; links
 * die with the process. Thread-safe.
 */
public final class CodeLinks {
  /** How long a link works, as AWS's. */
  public static final Duration VALID = Duration.ofMinutes(10);

  public static final String PATH = "/_outlet/code/";

  /** The query parameter naming the region whose package a link is for (none: the default). */
  public static final String REGION = "X-Outlet-Region";

  private static final HexFormat HEX = HexFormat.of();

  private final String baseUrl;
  private final String regionParameter;
  private final InstantSource clock;
  private final byte[] key = new byte[32];

  /**
   * @param baseUrl Outlet's endpoint, which the links point at
   */
  public CodeLinks(String baseUrl, InstantSource clock) {
    this(baseUrl, null, clock);
  }

  /**
   * @param baseUrl Outlet's endpoint, which the links point at
   * @param region the region whose packages the links are for, named in them, or null for the
   *     default region
   */
  public CodeLinks(String baseUrl, String region, InstantSource clock) {
    this.baseUrl = baseUrl;
    this.regionParameter = region == null ? "" : "&" + REGION + "=" + region;
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  /** A link to the package with this SHA-256 (hex), working for {@link #VALID} from now. */
  public String link(String sha256Hex) {
    long expires = clock.instant().plus(VALID).getEpochSecond();
    return baseUrl
        + PATH
        + sha256Hex
        + ".zip?X-Outlet-Expires="
        + expires
        + "&X-Outlet-Signature="
        + signature(sha256Hex, expires)
        + regionParameter;
  }

  /** Whether a link's parameters are this server's, for this package, and not expired. */
  boolean valid(String sha256Hex, String expires, String signature) {
    if (expires == null || signature == null || !expires.matches("\\d{1,12}")) {
      return false;
    }
    long at = Long.parseLong(expires);
    return clock.instant().getEpochSecond() <= at
        && MessageDigest.isEqual(
            signature(sha256Hex, at).getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(String sha256Hex, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HEX.formatHex(
          mac.doFinal((sha256Hex + ":" + expires).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
