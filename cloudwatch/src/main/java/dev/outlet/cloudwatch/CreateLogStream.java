package dev.outlet.cloudwatch;

import dev.outlet.telemetry.LogStore;

/** CreateLogStream: an empty stream in an existing group. */
final class CreateLogStream implements LogsOperation<CreateLogStream.Request, Empty> {

  /** CreateLogStream's request. */
  record Request(String logGroupName, String logStreamName) implements LogsInput {
    @Override
    public void validate() {
      LogsValidation.required(logGroupName, "logGroupName");
      LogsValidation.streamName(logStreamName);
    }
  }

  private final LogStore store;

  CreateLogStream(LogStore store) {
    this.store = store;
  }

  @Override
  public Empty handle(Request req, Scope scope) {
    switch (store.createStream(req.logGroupName(), req.logStreamName())) {
      case NO_GROUP -> throw LogsException.groupNotFound();
      case EXISTS -> throw LogsException.alreadyExists("The specified log stream already exists");
      case CREATED -> {}
    }
    return Empty.INSTANCE;
  }
}
