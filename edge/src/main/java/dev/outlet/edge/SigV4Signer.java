package dev.outlet.edge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request as an AWS SDK does (SigV4, the payload hashed), for Outlet's own clients: the
 * human commands and the console's API proxy. Pure: the time is a parameter.
 */
public final class SigV4Signer {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4Signer() {}

  /** Who signs: a key, its secret, and the session token of a temporary key (else null). */
  public record Key(String accessKeyId, String secret, String sessionToken) {
    @Override
    public String toString() {
      return "Key[" + accessKeyId + "]"; // never the secret
    }
  }

  /**
   * The headers to add so the request verifies: {@code x-amz-date}, {@code x-amz-content-sha256},
   * {@code x-amz-security-token} (temporary keys) and {@code Authorization}.
   *
   * @param headers the request's headers to sign besides those (lower-case names), {@code host}
   *     among them
   */
  public static Map<String, String> sign(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, String> headers,
      byte[] body,
      Key key,
      String region,
      String service,
      Instant now) {
    String amzDate = AMZ_DATE.format(now);
    String hash = SigV4.sha256Hex(body);
    Map<String, String> signed = new TreeMap<>();
    headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value));
    Map<String, String> added = new LinkedHashMap<>();
    added.put("x-amz-date", amzDate);
    added.put("x-amz-content-sha256", hash);
    if (key.sessionToken() != null) {
      added.put("x-amz-security-token", key.sessionToken());
    }
    signed.putAll(added);
    List<String> names = new ArrayList<>(signed.keySet());
    Credential scope = new Credential(key.accessKeyId(), amzDate.substring(0, 8), region, service);
    String canonical =
        SigV4.canonicalRequest(
            new SigV4.Signed(
                method,
                rawPath,
                rawQuery == null ? "" : rawQuery,
                name -> List.of(signed.get(name)),
                names,
                hash),
            false);
    String signature =
        SigV4.signature(key.secret(), scope, SigV4.stringToSign(amzDate, scope, canonical));
    added.put(
        "Authorization",
        RequestIdentity.ALGORITHM
            + " Credential="
            + key.accessKeyId()
            + "/"
            + scope.date()
            + "/"
            + region
            + "/"
            + service
            + "/aws4_request, SignedHeaders="
            + String.join(";", names)
            + ", Signature="
            + signature);
    return added;
  }
}
