package dev.outlet.edge;

/**
 * The single hook where a request's signature is checked, after its body is in (so a signed payload
 * hash can be compared). Answers who made the request; throws an {@link AwsException} (AWS's {@code
 * InvalidSignatureException}, {@code UnrecognizedClientException}, ...) to refuse, which the edge
 * renders in the service's protocol.
 */
@FunctionalInterface
public interface RequestVerifier {

  /** Accepts every request: Outlet's behaviour until signatures are verified. */
  RequestVerifier ACCEPT_ALL = (head, identity, body) -> Caller.unverified(identity);

  Caller verify(RequestHead head, RequestIdentity identity, byte[] body);
}
