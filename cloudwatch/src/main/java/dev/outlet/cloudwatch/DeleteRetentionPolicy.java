package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.SqliteLogStore;

/** DeleteRetentionPolicy: keep a group's events forever again. */
final class DeleteRetentionPolicy implements LogsOperation {

  private final SqliteLogStore store;

  DeleteRetentionPolicy(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    if (!store.setRetention(req.groupName(), null)) {
      throw LogsException.groupNotFound();
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
