package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.SqliteLogStore;

/** CreateLogGroup: an empty group; {@code kmsKeyId}, {@code tags} and the class are ignored. */
final class CreateLogGroup implements LogsOperation {

  private final SqliteLogStore store;

  CreateLogGroup(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    if (!store.createGroup(Names.group(req))) {
      throw LogsException.alreadyExists("The specified log group already exists");
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
