package dev.outlet.sandbox;

import java.util.concurrent.CompletableFuture;

/**
 * One invocation in flight: the event handed to a sandbox and the futures that report its progress.
 *
 * <p>Contract: {@link #result()} is completed exactly once, by whichever comes first: the runtime's
 * response or error, the process's death, or the invoker's timeout; later attempts return false
 * from {@link #complete}. {@link #delivered()} completes when the runtime receives the event (the
 * deadline is fixed then: delivery + timeout).
 */
public final class Invocation {
  private final String requestId;
  private final byte[] payload;
  private final long timeoutMillis;
  private final String invokedFunctionArn;
  private final String traceId;
  private final String clientContext;
  private final TailBuffer tail;
  private final ResponseStream stream;
  private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
  private final CompletableFuture<Void> delivered = new CompletableFuture<>();
  private volatile long deadlineEpochMillis;

  /**
   * @param clientContext the decoded client-context JSON, or null
   * @param tail where this invocation's log lines are captured for {@code LogType=Tail}, or null
   * @param stream where a streamed response goes as it comes (InvokeWithResponseStream), or null:
   *     the response is then buffered, as for Invoke
   */
  public Invocation(
      String requestId,
      byte[] payload,
      long timeoutMillis,
      String invokedFunctionArn,
      String traceId,
      String clientContext,
      TailBuffer tail,
      ResponseStream stream) {
    this.stream = stream;
    this.requestId = requestId;
    this.payload = payload;
    this.timeoutMillis = timeoutMillis;
    this.invokedFunctionArn = invokedFunctionArn;
    this.traceId = traceId;
    this.clientContext = clientContext;
    this.tail = tail;
  }

  public String requestId() {
    return requestId;
  }

  public byte[] payload() {
    return payload;
  }

  public String invokedFunctionArn() {
    return invokedFunctionArn;
  }

  public String traceId() {
    return traceId;
  }

  public String clientContext() {
    return clientContext;
  }

  public TailBuffer tail() {
    return tail;
  }

  /** Where a streamed response goes as it comes, or null (buffered). */
  public ResponseStream stream() {
    return stream;
  }

  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** Epoch milliseconds by which the function must answer; 0 before delivery. */
  public long deadlineEpochMillis() {
    return deadlineEpochMillis;
  }

  public CompletableFuture<InvocationResult> result() {
    return result;
  }

  public CompletableFuture<Void> delivered() {
    return delivered;
  }

  /** Called by the sandbox on first delivery. */
  void markDelivered(long nowEpochMillis) {
    deadlineEpochMillis = nowEpochMillis + timeoutMillis;
    delivered.complete(null);
  }

  public boolean isDelivered() {
    return delivered.isDone();
  }

  /** Completes the invocation; returns false when it had already ended. */
  public boolean complete(InvocationResult r) {
    return result.complete(r);
  }

  public boolean done() {
    return result.isDone();
  }
}
