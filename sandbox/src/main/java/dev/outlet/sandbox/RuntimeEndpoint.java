package dev.outlet.sandbox;

/** A sandbox's own Runtime API listener. */
public interface RuntimeEndpoint {

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address();

  /** Stops listening and closes open connections (a parked {@code /next} among them). */
  void close();

  /** Opens endpoints; implemented by the Runtime API adapter. */
  interface Factory {
    /**
     * Opens a listener that drives {@code sandbox}. Blocking until bound.
     *
     * @param near the thread that asked for the sandbox (usually the event loop of the invocation
     *     that starts it), or null; an implementation may serve the sandbox on that thread, so that
     *     handing invocations over and back crosses no threads, or ignore it
     */
    RuntimeEndpoint open(Sandbox sandbox, Thread near);

    /**
     * Opens the listener of {@code sandbox} inside the sandbox's own network namespace ({@link
     * NetNamespace#inside}), on its loopback, so that nothing else reaches it. Blocking until
     * bound; call from a platform thread.
     */
    default RuntimeEndpoint open(Sandbox sandbox, Thread near, NetNamespace namespace)
        throws java.io.IOException {
      throw new java.io.IOException("this Runtime API cannot listen inside a sandbox's network");
    }

    /**
     * Listeners opened ahead of time inside {@code namespace} (a launch stub's), one per event loop
     * where the implementation has several, so that the cold start that takes the stub does not
     * wait for a bind; or null when the implementation does not. Blocking; call from a platform
     * thread.
     */
    default Reservation reserve(NetNamespace namespace) throws java.io.IOException {
      return null;
    }
  }

  /** Listeners opened ahead of time for a sandbox not known yet. Claimed or closed, once. */
  interface Reservation extends AutoCloseable {
    /**
     * The listener served nearest {@code near} becomes {@code sandbox}'s (until then it answers
     * 503); the others are closed.
     */
    RuntimeEndpoint claim(Sandbox sandbox, Thread near);

    /** Closes every listener not claimed. */
    @Override
    void close();
  }
}
