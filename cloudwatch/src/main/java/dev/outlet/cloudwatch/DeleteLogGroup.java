package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.SqliteLogStore;

/**
 * DeleteLogGroup: the group with its streams and events. A function that logs again recreates its
 * group, as Lambda does.
 */
final class DeleteLogGroup implements LogsOperation {

  private final SqliteLogStore store;

  DeleteLogGroup(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    if (!store.deleteGroup(req.required("logGroupName"))) {
      throw LogsException.groupNotFound();
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
