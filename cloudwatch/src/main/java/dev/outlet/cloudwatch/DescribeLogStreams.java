package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.LogStream;
import dev.outlet.telemetry.SqliteLogStore;
import java.util.Comparator;
import java.util.List;

/**
 * DescribeLogStreams: a group's streams ordered by {@code LogStreamName} (default) or {@code
 * LastEventTime} (streams without events first), ascending or {@code descending}, {@code limit}
 * (1–50) at a time. A prefix cannot be combined with {@code LastEventTime}, as on AWS.
 */
final class DescribeLogStreams implements LogsOperation {

  private final SqliteLogStore store;

  DescribeLogStreams(SqliteLogStore store) {
    this.store = store;
  }

  /** A stream's place in the order: its last event time (0 when ordering by name) and name. */
  private record Key(long time, String name) {
    static final Comparator<Key> ORDER =
        Comparator.comparingLong(Key::time).thenComparing(Key::name);

    String token() {
      return time + "/" + name;
    }

    static Key parse(String token) {
      int slash = token.indexOf('/');
      try {
        return new Key(Long.parseLong(token.substring(0, slash)), token.substring(slash + 1));
      } catch (RuntimeException e) {
        throw LogsException.invalid("The specified nextToken is invalid.");
      }
    }
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String group = req.groupName();
    String prefix = req.string("logStreamNamePrefix");
    String orderBy = req.string("orderBy");
    boolean byTime = "LastEventTime".equals(orderBy);
    if (orderBy != null && !byTime && !"LogStreamName".equals(orderBy)) {
      throw LogsRequest.invalidValue(
          orderBy, "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
    }
    if (byTime && prefix != null) {
      throw LogsException.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    boolean descending = req.bool("descending", false);
    int limit = req.intInRange("limit", 1, 50, 50);
    String token = PageTokens.decode(req.string("nextToken"));
    Key after = token == null ? null : Key.parse(token);
    if (store.group(group).isEmpty()) {
      throw LogsException.groupNotFound();
    }
    Comparator<Key> order = descending ? Key.ORDER.reversed() : Key.ORDER;
    List<LogStream> streams =
        store.streams(group).stream()
            .filter(s -> prefix == null || s.name().startsWith(prefix))
            .filter(s -> after == null || order.compare(key(s, byTime), after) > 0)
            .sorted(Comparator.comparing(s -> key(s, byTime), order))
            .toList();
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    ArrayNode out = reply.putArray("logStreams");
    for (LogStream s : streams.subList(0, Math.min(limit, streams.size()))) {
      ObjectNode o =
          out.addObject().put("logStreamName", s.name()).put("creationTime", s.creationTime());
      if (s.hasEvents()) {
        o.put("firstEventTimestamp", s.firstEventTimestamp())
            .put("lastEventTimestamp", s.lastEventTimestamp())
            .put("lastIngestionTime", s.lastIngestionTime());
      }
      o.put("uploadSequenceToken", Long.toString(Math.max(s.creationTime(), s.lastIngestionTime())))
          .put("arn", Arns.stream(req, group, s.name()))
          .put("storedBytes", s.storedBytes());
    }
    if (streams.size() > limit) {
      reply.put("nextToken", PageTokens.encode(key(streams.get(limit - 1), byTime).token()));
    }
    return reply;
  }

  private static Key key(LogStream s, boolean byTime) {
    return new Key(
        byTime ? (s.hasEvents() ? s.lastEventTimestamp() : Long.MIN_VALUE) : 0, s.name());
  }
}
