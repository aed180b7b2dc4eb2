/**
 * The invoker and the sandbox pool: resolve a sandbox (warm, or cold within the concurrency
 * limits), hand the event over, await the result until the deadline, release or discard the
 * sandbox, and write the invocation's END and REPORT lines.
 *
 * <p>{@link dev.outlet.invoke.PoolPolicy} holds the decisions as pure functions over snapshots
 * (throttle, warm pick, spawn, reclaim); {@link dev.outlet.invoke.SandboxPool} is the only owner of
 * the idle lists and in-flight counters and applies them. Time comes from an injected {@link
 * dev.outlet.core.Ticker}. Must not import HTTP libraries.
 */
package dev.outlet.invoke;
