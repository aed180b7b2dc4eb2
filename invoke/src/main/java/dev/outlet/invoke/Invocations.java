package dev.outlet.invoke;

import dev.outlet.sandbox.SandboxSpec;
import java.util.concurrent.CompletableFuture;

/** What runs one invocation of a function: the {@link Invoker}, seen by the event queue. */
@FunctionalInterface
public interface Invocations {
  /**
   * Runs {@code request} on a sandbox of {@code spec}.
   *
   * @throws dev.outlet.core.LambdaException when it is refused before it runs (a throttle)
   */
  CompletableFuture<InvokeOutcome> invoke(SandboxSpec spec, InvokeRequest request);
}
