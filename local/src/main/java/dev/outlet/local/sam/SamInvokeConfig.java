package dev.outlet.local.sam;

/**
 * A function's {@code EventInvokeConfig}: what {@code PutFunctionEventInvokeConfig} sets.
 *
 * @param maximumRetryAttempts null when the template does not set it
 * @param maximumEventAgeInSeconds null when the template does not set it
 * @param onSuccess the success destination's ARN, or null
 * @param onFailure the failure destination's ARN, or null
 */
public record SamInvokeConfig(
    Integer maximumRetryAttempts,
    Integer maximumEventAgeInSeconds,
    String onSuccess,
    String onFailure) {}
