package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.SqliteLogStore;
import java.util.Set;

/**
 * PutRetentionPolicy: keep a group's events {@code retentionInDays} days, one of AWS's values; the
 * store deletes older events in the background.
 */
final class PutRetentionPolicy implements LogsOperation {

  /** The values CloudWatch accepts. */
  static final Set<Integer> DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  private final SqliteLogStore store;

  PutRetentionPolicy(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String group = req.groupName();
    long days = req.longValue("retentionInDays", -1);
    if (!DAYS.contains((int) days) || days != (int) days) {
      throw LogsRequest.invalidValue(
          days == -1 ? null : days,
          "retentionInDays",
          "Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,"
              + " 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    }
    if (!store.setRetention(group, (int) days)) {
      throw LogsException.groupNotFound();
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
