package dev.outlet.edge;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Who a request says it comes from, read once from its SigV4 {@code Authorization} header or its
 * presigned query ({@code X-Amz-Credential}, ...). Parsing only: whether the signature is right is
 * the {@link RequestVerifier}'s question.
 *
 * @param scheme how the request is signed
 * @param credential the credential scope, or null when the request carries none
 * @param signedHeaders the lower-case names the signature covers, in order
 * @param signature the hex signature, or null
 * @param amzDate {@code X-Amz-Date} (header or query), or null
 * @param sessionToken {@code X-Amz-Security-Token} (header or query), or null
 */
public record RequestIdentity(
    Scheme scheme,
    Credential credential,
    List<String> signedHeaders,
    String signature,
    String amzDate,
    String sessionToken) {

  /** How a request is signed. */
  public enum Scheme {
    /** {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} */
    HEADER,
    /** {@code ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...} */
    PRESIGNED,
    /** Not signed with SigV4 (or not in a shape Outlet recognizes). */
    NONE
  }

  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  public static final RequestIdentity ANONYMOUS =
      new RequestIdentity(Scheme.NONE, null, List.of(), null, null, null);

  public RequestIdentity {
    signedHeaders = List.copyOf(signedHeaders);
  }

  /** The region the client signed for, or {@code fallback} when it signed none. */
  public String regionOr(String fallback) {
    return credential == null ? fallback : credential.region();
  }

  /** The signing service name, or null. */
  public String service() {
    return credential == null ? null : credential.service();
  }

  /**
   * Reads the identity of a request. Pure; never throws on any input.
   *
   * @param header the request's headers by name (case-insensitive), null when absent
   * @param query the request's query parameters by name, null when absent
   */
  public static RequestIdentity of(UnaryOperator<String> header, UnaryOperator<String> query) {
    String authorization = header.apply("Authorization");
    if (authorization != null && authorization.startsWith(ALGORITHM + " ")) {
      return fromHeader(authorization, header);
    }
    if (ALGORITHM.equals(query.apply("X-Amz-Algorithm"))) {
      return new RequestIdentity(
          Scheme.PRESIGNED,
          Credential.parse(query.apply("X-Amz-Credential")),
          names(query.apply("X-Amz-SignedHeaders")),
          query.apply("X-Amz-Signature"),
          query.apply("X-Amz-Date"),
          query.apply("X-Amz-Security-Token"));
    }
    return ANONYMOUS;
  }

  private static RequestIdentity fromHeader(String authorization, UnaryOperator<String> header) {
    Credential credential = null;
    List<String> signed = List.of();
    String signature = null;
    for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
      String p = part.trim();
      if (p.startsWith("Credential=")) {
        credential = Credential.parse(p.substring("Credential=".length()));
      } else if (p.startsWith("SignedHeaders=")) {
        signed = names(p.substring("SignedHeaders=".length()));
      } else if (p.startsWith("Signature=")) {
        signature = p.substring("Signature=".length());
      }
    }
    return new RequestIdentity(
        Scheme.HEADER,
        credential,
        signed,
        signature,
        header.apply("X-Amz-Date"),
        header.apply("X-Amz-Security-Token"));
  }

  private static List<String> names(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return List.of(list.trim().split(";"));
  }
}
