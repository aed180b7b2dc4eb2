package dev.outlet.cloudwatch;

import dev.outlet.telemetry.LogStore;

/** CreateLogGroup: an empty group; {@code kmsKeyId}, {@code tags} and the class are ignored. */
final class CreateLogGroup implements LogsOperation<CreateLogGroup.Request, Empty> {

  /** CreateLogGroup's request: the members Outlet reads. */
  record Request(String logGroupName) implements LogsInput {
    @Override
    public void validate() {
      LogsValidation.groupName(logGroupName);
    }
  }

  private final LogStore store;

  CreateLogGroup(LogStore store) {
    this.store = store;
  }

  @Override
  public Empty handle(Request req, Scope scope) {
    if (!store.createGroup(req.logGroupName())) {
      throw LogsException.alreadyExists("The specified log group already exists");
    }
    return Empty.INSTANCE;
  }
}
