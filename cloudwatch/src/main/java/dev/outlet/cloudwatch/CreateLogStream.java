package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.SqliteLogStore;

/** CreateLogStream: an empty stream in an existing group. */
final class CreateLogStream implements LogsOperation {

  private final SqliteLogStore store;

  CreateLogStream(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String group = req.required("logGroupName");
    String stream = Names.stream(req);
    switch (store.createStream(group, stream)) {
      case NO_GROUP -> throw LogsException.groupNotFound();
      case EXISTS -> throw LogsException.alreadyExists("The specified log stream already exists");
      case CREATED -> {}
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
