package dev.outlet.invoke;

import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxState;

/**
 * What one live execution environment is doing now, as the console shows it (AWS never does).
 *
 * @param ageMillis since it was made
 * @param invocationsServed invocations lent to it, the current one included
 * @param peakMemoryBytes the cgroup's peak since its last invocation began (0 unknown)
 * @param initMillis how long its init took, negative until it finished
 * @param idleMillis since it last went idle, negative unless idle
 * @param provisioned whether it serves provisioned concurrency
 */
public record SandboxView(
    String id,
    String function,
    String version,
    SandboxState state,
    long ageMillis,
    int invocationsServed,
    int memoryLimitMb,
    long peakMemoryBytes,
    double initMillis,
    long idleMillis,
    boolean provisioned) {

  static SandboxView of(Sandbox s, boolean provisioned, long nowNanos) {
    SandboxState state = s.state();
    return new SandboxView(
        s.id(),
        s.spec().functionName(),
        s.spec().version(),
        state,
        (nowNanos - s.createdNanos()) / 1_000_000,
        s.invocationsServed(),
        s.spec().memorySize(),
        s.peakMemoryBytes(),
        s.initMillis(),
        state == SandboxState.IDLE ? (nowNanos - s.idleSinceNanos()) / 1_000_000 : -1,
        provisioned);
  }
}
