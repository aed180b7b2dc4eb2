package dev.outlet.edge;

/**
 * The errors AWS's front answers when a request's signature is refused, with the codes each
 * protocol's SDKs parse: JSON services name them {@code ...Exception}, query services ({@code
 * awsQueryError}) by their short codes. Messages are AWS's.
 */
public final class SignatureErrors {
  private SignatureErrors() {}

  public static AwsException missingToken() {
    return new AwsException(
        "MissingAuthenticationTokenException",
        "MissingAuthenticationToken",
        403,
        "Missing Authentication Token");
  }

  public static AwsException incomplete(String message) {
    return new AwsException("IncompleteSignatureException", "IncompleteSignature", 403, message);
  }

  public static AwsException invalidToken() {
    return new AwsException(
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        403,
        "The security token included in the request is invalid.");
  }

  public static AwsException expiredToken() {
    return new AwsException(
        "ExpiredTokenException",
        "ExpiredToken",
        403,
        "The security token included in the request is expired");
  }

  public static AwsException mismatch(String canonicalRequest, String stringToSign) {
    return new AwsException(
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        403,
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.\n\nThe Canonical String for this request should have been\n'"
            + canonicalRequest
            + "'\n\nThe String-to-Sign should have been\n'"
            + stringToSign
            + "'\n");
  }

  public static AwsException invalidSignature(String message) {
    return new AwsException("InvalidSignatureException", "SignatureDoesNotMatch", 403, message);
  }

  public static AwsException payloadHashMismatch() {
    return new AwsException(
        "XAmzContentSHA256Mismatch",
        400,
        "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
}
