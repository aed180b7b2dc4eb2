package dev.outlet.mappings;

import dev.outlet.invoke.InvokeOutcome;
import java.util.concurrent.CompletableFuture;

/** How a poller reaches its function: a synchronous invocation, as a mapping makes it. */
interface FunctionCalls {
  /** Whether {@code function} ({@code name} or {@code name:qualifier}) exists now. */
  boolean exists(String function);

  /**
   * Invokes {@code function} with {@code payload}; a throttle or a missing function fails the
   * future with the {@link dev.outlet.core.LambdaException} that says so.
   */
  CompletableFuture<InvokeOutcome> invoke(String function, byte[] payload, String invokedArn);
}
