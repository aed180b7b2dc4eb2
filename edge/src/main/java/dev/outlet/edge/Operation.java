package dev.outlet.edge;

/**
 * One operation of a service: takes the decoded call, returns the result the protocol encodes (or a
 * ready {@link Reply}), or a {@link java.util.concurrent.CompletionStage} of either, which the edge
 * answers when it completes without holding a thread meanwhile (long polls). Runs on a virtual
 * thread; may block. Throws {@link AwsException} for what the client should see; anything else is a
 * platform fault the edge logs and hides.
 */
@FunctionalInterface
public interface Operation {
  Object run(Call call) throws Exception;
}
