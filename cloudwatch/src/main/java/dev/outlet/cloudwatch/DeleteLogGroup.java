package dev.outlet.cloudwatch;

import dev.outlet.telemetry.LogStore;

/**
 * DeleteLogGroup: the group with its streams and events. A function that logs again recreates its
 * group, as Lambda does.
 */
final class DeleteLogGroup implements LogsOperation<DeleteLogGroup.Request, Empty> {

  /** DeleteLogGroup's request. */
  record Request(String logGroupName) implements LogsInput {
    @Override
    public void validate() {
      LogsValidation.required(logGroupName, "logGroupName");
    }
  }

  private final LogStore store;

  DeleteLogGroup(LogStore store) {
    this.store = store;
  }

  @Override
  public Empty handle(Request req, Scope scope) {
    if (!store.deleteGroup(req.logGroupName())) {
      throw LogsException.groupNotFound();
    }
    return Empty.INSTANCE;
  }
}
