package dev.outlet.invoke;

import dev.outlet.sandbox.InvocationResult;

/**
 * What the caller of Invoke receives.
 *
 * @param logResult base64 of the last 4 KB of the invocation's log, or null when not asked for
 */
public record InvokeOutcome(
    String requestId, String executedVersion, InvocationResult result, String logResult) {}
