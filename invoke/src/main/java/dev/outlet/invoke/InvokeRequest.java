package dev.outlet.invoke;

import dev.outlet.sandbox.ResponseStream;

/**
 * One synchronous invocation as the API layer hands it over.
 *
 * @param payload the event bytes, passed to the runtime verbatim (never parsed)
 * @param clientContext the decoded client-context JSON, or null
 * @param tail whether the caller asked for {@code LogType=Tail}
 * @param stream where a streamed response goes as it comes (InvokeWithResponseStream), or null
 */
public record InvokeRequest(
    String requestId,
    byte[] payload,
    String invokedFunctionArn,
    String clientContext,
    boolean tail,
    ResponseStream stream) {

  /** An invocation whose response is read whole. */
  public InvokeRequest(
      String requestId,
      byte[] payload,
      String invokedFunctionArn,
      String clientContext,
      boolean tail) {
    this(requestId, payload, invokedFunctionArn, clientContext, tail, null);
  }
}
