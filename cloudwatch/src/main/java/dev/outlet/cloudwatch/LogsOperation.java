package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One CloudWatch Logs operation: a blocking function from the request to the response object. Runs
 * on a virtual thread, never on an event loop; throws {@link LogsException} for client errors.
 */
interface LogsOperation {

  ObjectNode handle(LogsRequest request);
}
