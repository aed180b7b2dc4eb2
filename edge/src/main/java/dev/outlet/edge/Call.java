package dev.outlet.edge;

import java.util.Map;

/**
 * One request to an operation, as the edge hands it over.
 *
 * @param operation the operation's name ({@code FilterLogEvents}, ...)
 * @param head the method, path, headers and query
 * @param identity who signed it
 * @param region the region it was signed for, else the endpoint's default
 * @param labels the path's labels by name (REST services), else empty
 * @param requestId the id the reply carries in {@code x-amzn-RequestId}
 * @param body the raw body, within the service's cap
 * @param protocol the service's protocol (for {@link #input})
 * @param caller who made it, as the verifier established
 */
public record Call(
    String operation,
    RequestHead head,
    RequestIdentity identity,
    String region,
    Map<String, String> labels,
    String requestId,
    byte[] body,
    Protocol protocol,
    Caller caller) {

  /** A call not (yet) verified: its caller is taken on trust from its identity. */
  public Call(
      String operation,
      RequestHead head,
      RequestIdentity identity,
      String region,
      Map<String, String> labels,
      String requestId,
      byte[] body,
      Protocol protocol) {
    this(
        operation,
        head,
        identity,
        region,
        labels,
        requestId,
        body,
        protocol,
        Caller.unverified(identity));
  }

  /** A path label, or null. */
  public String label(String name) {
    return labels.get(name);
  }

  /** A query parameter's first value, or null. */
  public String query(String name) {
    return head.query().apply(name);
  }

  /**
   * The body decoded as {@code type}, or null when it is empty or malformed: for reading what a
   * call names before its operation runs (the operation then refuses a malformed body itself).
   */
  public <T> T inputOrNull(Class<T> type) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return protocol.decode(body, type);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The body decoded as {@code type}; malformed bodies become the service's error. */
  public <T> T input(Class<T> type) {
    return protocol.decode(body, type);
  }
}
