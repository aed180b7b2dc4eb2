package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.Cursor;
import dev.outlet.telemetry.LogEvent;
import dev.outlet.telemetry.SqliteLogStore;
import java.util.List;

/**
 * GetLogEvents: one page of one stream's events, oldest first within the page.
 *
 * <p>Without a token, {@code startFromHead} picks the oldest page or (the default) the newest. A
 * token says its own direction: {@code f/POSITION} reads the events after the position, {@code
 * b/POSITION} those before it. Both tokens are always returned: the forward one is the position of
 * the page's last event, the backward one of its first; an empty page returns the position it read
 * from, so at the end the same forward token comes back.
 */
final class GetLogEvents implements LogsOperation {

  private final SqliteLogStore store;

  GetLogEvents(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String group = req.groupName();
    String stream = req.required("logStreamName");
    long start = req.longValue("startTime", Long.MIN_VALUE);
    long end = req.longValue("endTime", Long.MAX_VALUE);
    int limit = req.intInRange("limit", 1, 10_000, 10_000);
    boolean forward = req.bool("startFromHead", false);
    String token = req.string("nextToken");
    Cursor after = null;
    if (token != null) {
      forward = token.startsWith("f/");
      after = parse(token);
    }
    if (store.group(group).isEmpty()) {
      throw LogsException.groupNotFound();
    }
    if (store.streams(group).stream().noneMatch(s -> s.name().equals(stream))) {
      throw LogsException.streamNotFound();
    }
    List<LogEvent> page = store.streamEvents(group, stream, start, end, after, forward, limit);
    Cursor position = after != null ? after : Cursor.HEAD;
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    ArrayNode events = reply.putArray("events");
    for (LogEvent e : page) {
      events
          .addObject()
          .put("timestamp", e.timestamp())
          .put("message", e.message())
          .put("ingestionTime", e.ingestionTime());
    }
    Cursor last = page.isEmpty() ? position : page.getLast().cursor();
    Cursor first = page.isEmpty() ? position : page.getFirst().cursor();
    reply.put("nextForwardToken", "f/" + last.token());
    reply.put("nextBackwardToken", "b/" + first.token());
    return reply;
  }

  private static Cursor parse(String token) {
    if (token.startsWith("f/") || token.startsWith("b/")) {
      try {
        return Cursor.parse(token.substring(2));
      } catch (IllegalArgumentException e) {
        // answered below
      }
    }
    throw LogsException.invalid("The specified nextToken is invalid.");
  }
}
