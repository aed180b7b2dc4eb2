package dev.outlet.telemetry;

/**
 * A log group. Immutable snapshot.
 *
 * @param name the group name, e.g. {@code /aws/lambda/NAME}
 * @param creationTime when its first event was stored, epoch milliseconds
 * @param retentionInDays how many days events are kept, or {@code null} to keep them forever
 * @param storedBytes the sum of its streams' {@link LogStream#storedBytes()}
 */
public record LogGroup(String name, long creationTime, Integer retentionInDays, long storedBytes) {}
