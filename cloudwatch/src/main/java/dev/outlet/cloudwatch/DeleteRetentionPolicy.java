package dev.outlet.cloudwatch;

import dev.outlet.telemetry.LogStore;

/** DeleteRetentionPolicy: keep a group's events forever again. */
final class DeleteRetentionPolicy implements LogsOperation<DeleteRetentionPolicy.Request, Empty> {

  /** DeleteRetentionPolicy's request: the group by name or identifier. */
  record Request(String logGroupName, String logGroupIdentifier) implements LogsInput {
    @Override
    public void validate() {
      group();
    }

    String group() {
      return LogsValidation.group(logGroupName, logGroupIdentifier);
    }
  }

  private final LogStore store;

  DeleteRetentionPolicy(LogStore store) {
    this.store = store;
  }

  @Override
  public Empty handle(Request req, Scope scope) {
    if (!store.setRetention(req.group(), null)) {
      throw LogsException.groupNotFound();
    }
    return Empty.INSTANCE;
  }
}
