package dev.outlet.invoke;

import dev.outlet.sandbox.SandboxSpec;

/**
 * How an asynchronous invocation ended, for its destinations: it succeeded, or the queue gave it up
 * ({@code RetriesExhausted} after its last attempt, {@code EventAgeExceeded} when it grew older
 * than its maximum age before an attempt).
 *
 * @param attempts how many times the function ran it (0 when it never ran)
 */
public sealed interface EventSettled {
  SandboxSpec spec();

  InvokeRequest request();

  int attempts();

  /** The function ran it without an error. */
  record Succeeded(SandboxSpec spec, InvokeRequest request, int attempts, InvokeOutcome outcome)
      implements EventSettled {}

  /**
   * The queue gave it up.
   *
   * @param condition {@code RetriesExhausted} or {@code EventAgeExceeded}, as AWS names them
   * @param outcome the last attempt's, or null when it never ran
   */
  record Failed(
      SandboxSpec spec,
      InvokeRequest request,
      int attempts,
      String condition,
      InvokeOutcome outcome)
      implements EventSettled {
    public static final String RETRIES_EXHAUSTED = "RetriesExhausted";
    public static final String EVENT_AGE_EXCEEDED = "EventAgeExceeded";
  }
}
