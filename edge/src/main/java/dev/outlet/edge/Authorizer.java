package dev.outlet.edge;

/**
 * Decides whether a verified caller may do what a call asks ({@link Access}). Called by the edge
 * after the {@link RequestVerifier}, before the operation runs, on the operation's thread; and on
 * the Invoke hot path, where it must cost microseconds and never block.
 */
public interface Authorizer {
  /** Lets everything through ({@code --auth open}). */
  Authorizer ALLOW_ALL = (caller, access, sourceIp) -> Verdict.ALLOWED;

  /**
   * @param caller who asks, as verified
   * @param access the permission asked for
   * @param sourceIp the client's address ({@code aws:SourceIp}), or null
   */
  Verdict decide(Caller caller, Access access, String sourceIp);

  /** The outcome of {@link #decide}. */
  sealed interface Verdict {
    Verdict ALLOWED = new Allowed();

    /** The caller may go ahead. */
    record Allowed() implements Verdict {}

    /**
     * Refused, with AWS's message ({@code User: ARN is not authorized to perform: ACTION on
     * resource: ARN because ...}).
     */
    record Denied(String message) implements Verdict {}
  }
}
