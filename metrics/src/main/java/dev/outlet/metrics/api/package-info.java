/**
 * The subset of the CloudWatch metrics API ({@code monitoring}, 2010-08-01) that the AWS CLI and
 * SDKs need to read Outlet's {@code AWS/Lambda} metrics: GetMetricStatistics, GetMetricData and
 * ListMetrics, in the three wire protocols clients use for it — the {@code query} protocol
 * (form-encoded {@code POST /}, XML replies; AWS CLI v2 up to 2.2x, botocore's {@code cloudwatch}
 * model), {@code awsJson1_0} ({@code X-Amz-Target: GraniteServiceVersion20100801.*}) and Smithy
 * {@code rpc-v2-cbor} ({@code POST /service/GraniteServiceVersion20100801/operation/*}; current
 * SDKs for Java v2).
 *
 * <p>{@link dev.outlet.metrics.api.CloudWatchMetricsApi} is the only class touching HTTP; the
 * operations are functions from a request tree to a reply tree, served by {@link
 * dev.outlet.metrics.MinuteStore}. Owns no state. Must not import the invoke path.
 */
package dev.outlet.metrics.api;
