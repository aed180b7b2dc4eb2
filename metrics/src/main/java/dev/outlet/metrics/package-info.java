/**
 * Metrics named as CloudWatch's {@code AWS/Lambda} namespace, from the one {@link
 * dev.outlet.invoke.InvocationSample} every invocation yields: live Micrometer meters for {@code
 * GET /metrics} ({@link dev.outlet.metrics.LambdaMetrics}) and one-minute aggregates kept durable
 * in {@code <dataDir>/metrics.db} ({@link dev.outlet.metrics.MinuteStore}).
 *
 * <p>Owns the metrics database and its writer thread. Pure parts ({@link
 * dev.outlet.metrics.Observations}, {@link dev.outlet.metrics.Sketch}, {@link
 * dev.outlet.metrics.Aggregate}, {@link dev.outlet.metrics.Prices}) are tested with plain data.
 * Must not import HTTP libraries: the CloudWatch API lives in {@code dev.outlet.metrics.api}.
 */
package dev.outlet.metrics;
