package dev.outlet.invoke;

/**
 * Told about every invocation's end and every throttle; implemented by metrics. Called on the
 * invocation's completing thread, possibly an event loop: implementations must not block.
 */
public interface InvocationObserver {

  void completed(InvocationSample sample);

  void throttled(String function, String version);

  /** Invocations of {@code function} running now changed by {@code delta}. */
  default void concurrency(String function, int delta) {}

  InvocationObserver NONE =
      new InvocationObserver() {
        @Override
        public void completed(InvocationSample sample) {}

        @Override
        public void throttled(String function, String version) {}
      };
}
