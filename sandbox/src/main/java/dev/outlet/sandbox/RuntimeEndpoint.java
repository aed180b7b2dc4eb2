package dev.outlet.sandbox;

/** A sandbox's own Runtime API listener. */
public interface RuntimeEndpoint {

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address();

  /** Stops listening and closes open connections (a parked {@code /next} among them). */
  void close();

  /** Opens endpoints; implemented by the Runtime API adapter. */
  interface Factory {
    /** Opens a listener that drives {@code sandbox}. Blocking until bound. */
    RuntimeEndpoint open(Sandbox sandbox);
  }
}
