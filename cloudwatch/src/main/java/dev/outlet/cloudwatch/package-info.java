/**
 * The CloudWatch Logs API subset that {@code aws logs tail}, {@code filter-log-events}, {@code
 * get-log-events} and the SDKs use, served over the embedded log store (lambda-contract.md §5).
 *
 * <p>Owns: the JSON 1.1 wire format of the {@code Logs_20140328} operations (one handler class per
 * operation, named after it), their error mapping ({@link dev.outlet.cloudwatch.LogsErrors} only),
 * pagination tokens, and the filter-pattern language ({@link dev.outlet.cloudwatch.FilterPattern},
 * pure and tested without a server).
 *
 * <p>Depends on telemetry (the store), Vert.x core (the request handler) and Jackson. Must not
 * import the Lambda API, the invoker or the sandboxes: routing a request here is the server's job.
 * Store calls block, so operations run on virtual threads, never on an event loop.
 */
package dev.outlet.cloudwatch;
