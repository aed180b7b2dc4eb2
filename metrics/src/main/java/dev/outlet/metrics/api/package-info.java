/**
 * The subset of the CloudWatch metrics API ({@code monitoring}, 2010-08-01) that the AWS CLI and
 * SDKs need to read Outlet's {@code AWS/Lambda} metrics: GetMetricStatistics, GetMetricData and
 * ListMetrics, in the three wire protocols clients use for it — the {@code query} protocol
 * (form-encoded {@code POST /}, XML replies; AWS CLI v2 up to 2.2x, botocore's {@code cloudwatch}
 * model), {@code awsJson1_0} ({@code X-Amz-Target: GraniteServiceVersion20100801.*}) and Smithy
 * {@code rpc-v2-cbor} ({@code POST /service/GraniteServiceVersion20100801/operation/*}; current
 * SDKs for Java v2) — plus Outlet's Prometheus scrape ({@code GET /metrics}, {@link
 * dev.outlet.metrics.api.MetricsHttp}).
 *
 * <p>The API is served by the AWS edge: {@link dev.outlet.metrics.api.MetricsService} is one edge
 * {@code Service} per protocol over one operations map; the edge reads, decodes, encodes and
 * renders errors ({@link dev.outlet.metrics.api.ApiError}) in each protocol. The operations are
 * functions from an input record (CloudWatch's member names, bound by the edge from a form, JSON or
 * CBOR; timestamps and periods read leniently by {@code WireTime} and {@code WireInteger}) to a
 * result record, checked in one place ({@code Validation}) and served by {@link
 * dev.outlet.metrics.MinuteStore}. No operation sees a JSON tree. Owns no state. Must not import
 * the invoke path.
 */
package dev.outlet.metrics.api;
