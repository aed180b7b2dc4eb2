package dev.outlet.invoke;

import dev.outlet.sandbox.Sandbox;
import java.util.concurrent.CompletableFuture;

/**
 * A sandbox lent to one invocation: at once for a warm start, when it has been launched for a cold
 * one. Returned to the pool exactly once, by {@link SandboxPool#giveBack}.
 *
 * @param sandbox completes with the sandbox, or exceptionally with a {@link
 *     dev.outlet.sandbox.SandboxLaunchException}
 * @param provisioned how provisioned concurrency serves it, or null when the spec has none
 */
public record Lease(
    String function,
    boolean reserved,
    boolean cold,
    CompletableFuture<Sandbox> sandbox,
    ProvisionedUse provisioned) {

  public Lease(
      String function, boolean reserved, boolean cold, CompletableFuture<Sandbox> sandbox) {
    this(function, reserved, cold, sandbox, null);
  }
}
