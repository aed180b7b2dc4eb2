package dev.outlet.cloudwatch;

/**
 * One CloudWatch Logs operation: a blocking function from its bound, already validated request
 * record to its response record, which the edge encodes. Runs on a virtual thread, never on an
 * event loop; throws {@link LogsException} for client errors. No operation sees the wire's JSON:
 * {@link LogsService} binds the body to {@code I} and calls {@link LogsInput#validate()} first.
 *
 * @param <I> the request record, with AWS's member names
 * @param <O> the response record, with AWS's member names and order
 */
@FunctionalInterface
interface LogsOperation<I extends LogsInput, O> {

  O handle(I input, Scope scope);
}
