package dev.outlet.invoke;

/**
 * One synchronous invocation as the API layer hands it over.
 *
 * @param payload the event bytes, passed to the runtime verbatim (never parsed)
 * @param clientContext the decoded client-context JSON, or null
 * @param tail whether the caller asked for {@code LogType=Tail}
 */
public record InvokeRequest(
    String requestId,
    byte[] payload,
    String invokedFunctionArn,
    String clientContext,
    boolean tail) {}
