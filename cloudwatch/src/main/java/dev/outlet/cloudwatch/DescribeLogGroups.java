package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.LogGroup;
import dev.outlet.telemetry.SqliteLogStore;
import java.util.List;

/**
 * DescribeLogGroups: the groups by name, filtered by {@code logGroupNamePrefix} or (exclusive) by
 * the case-sensitive substring {@code logGroupNamePattern}, {@code limit} (1–50) at a time.
 */
final class DescribeLogGroups implements LogsOperation {

  private final SqliteLogStore store;

  DescribeLogGroups(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String prefix = req.string("logGroupNamePrefix");
    String pattern = req.string("logGroupNamePattern");
    if (prefix != null && pattern != null) {
      throw LogsException.invalid(
          "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
    }
    int limit = req.intInRange("limit", 1, 50, 50);
    String after = PageTokens.decode(req.string("nextToken"));
    List<LogGroup> groups =
        store.groups().stream()
            .filter(g -> prefix == null || g.name().startsWith(prefix))
            .filter(g -> pattern == null || g.name().contains(pattern))
            .filter(g -> after == null || g.name().compareTo(after) > 0)
            .limit(limit + 1L)
            .toList();
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    ArrayNode out = reply.putArray("logGroups");
    for (LogGroup g : groups.subList(0, Math.min(limit, groups.size()))) {
      ObjectNode o =
          out.addObject().put("logGroupName", g.name()).put("creationTime", g.creationTime());
      if (g.retentionInDays() != null) {
        o.put("retentionInDays", g.retentionInDays());
      }
      o.put("metricFilterCount", 0)
          .put("arn", Arns.group(req, g.name()) + ":*")
          .put("storedBytes", g.storedBytes())
          .put("logGroupClass", "STANDARD")
          .put("logGroupArn", Arns.group(req, g.name()));
    }
    if (groups.size() > limit) {
      reply.put("nextToken", PageTokens.encode(groups.get(limit - 1).name()));
    }
    return reply;
  }
}
