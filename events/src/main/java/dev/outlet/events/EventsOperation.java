package dev.outlet.events;

/**
 * One EventBridge operation: a blocking function from its bound, already validated request record
 * to its response record, which the edge encodes. No operation sees the wire's JSON: {@link
 * EventsService} binds the body to {@code I} and calls {@link EventsRequests.Input#validate()}
 * first. Throws {@link EventsException} for client errors.
 *
 * @param <I> the request record, with AWS's member names
 * @param <O> the response record, with AWS's member names and order
 */
@FunctionalInterface
interface EventsOperation<I extends EventsRequests.Input, O> {

  /** {@code region}: of the request's credential scope, for the ARNs a response names. */
  O handle(I input, String region);
}
