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
  }
}
