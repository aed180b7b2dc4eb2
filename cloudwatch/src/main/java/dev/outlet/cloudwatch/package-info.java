/**
 * The CloudWatch Logs API subset that {@code aws logs tail}, {@code filter-log-events}, {@code
 * get-log-events} and the SDKs use, served over the embedded log store (lambda-contract.md §5).
 *
 * <p>Owns: the {@code Logs_20140328} operations on the AWS edge (one handler class per operation,
 * named after it, holding its {@code Request} and {@code Response} records with AWS's member names;
 * {@link dev.outlet.cloudwatch.LogsService} binds each body to its record and validates it, with
 * {@link dev.outlet.cloudwatch.LogsValidation}'s checks and messages, before the operation runs),
 * their errors ({@link dev.outlet.cloudwatch.LogsException}), pagination tokens, and the
 * filter-pattern language ({@link dev.outlet.cloudwatch.FilterPattern}, pure and tested without a
 * server).
 *
 * <p>Depends on telemetry (the store), the edge (protocol, body, errors) and Jackson. Must not
 * import the Lambda API, the invoker or the sandboxes: routing a request here is the server's job.
 * Store calls block, so operations run on virtual threads, never on an event loop.
 */
package dev.outlet.cloudwatch;
