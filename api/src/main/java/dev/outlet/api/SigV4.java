package dev.outlet.api;

/**
 * Reads the credential scope of a SigV4 {@code Authorization} header. Outlet does not verify
 * signatures (it is a local endpoint with no IAM); it takes the region from the scope so that ARNs
 * match what the client expects.
 */
public final class SigV4 {
  private SigV4() {}

  /** The region of {@code Credential=AKID/date/region/service/aws4_request}, or null. */
  public static String region(String authorization) {
    if (authorization == null) {
      return null;
    }
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return null;
    }
    int end = authorization.indexOf(',', at);
    String[] scope =
        authorization.substring(at + 11, end < 0 ? authorization.length() : end).trim().split("/");
    return scope.length >= 5 && !scope[2].isEmpty() ? scope[2] : null;
  }
}
