package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.Cursor;
import dev.outlet.telemetry.LogEvent;
import dev.outlet.telemetry.LogStream;
import dev.outlet.telemetry.SqliteLogStore;
import java.util.List;

/**
 * FilterLogEvents: the events of a group (optionally some of its streams) in a time range that
 * match a filter pattern, oldest first, paged with {@code nextToken}. Used by {@code aws logs tail}
 * and {@code filter-log-events}. {@code interleaved} and {@code unmask} are accepted and ignored.
 *
 * <p>A page ends at {@code limit} matches or after {@value #SCAN_BUDGET} events examined, whichever
 * comes first; {@code nextToken} (the position of the last event examined: stable, and never the
 * token of the request) is omitted only when the scan reached the end.
 */
final class FilterLogEvents implements LogsOperation {

  static final int PAGE_SIZE = 1_000;
  static final int SCAN_BUDGET = 20_000;

  private final SqliteLogStore store;

  FilterLogEvents(SqliteLogStore store) {
    this.store = store;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String group = req.groupName();
    List<String> names = req.strings("logStreamNames");
    String prefix = req.string("logStreamNamePrefix");
    if (names != null && prefix != null) {
      throw LogsException.invalid(
          "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
    }
    if (names != null && (names.isEmpty() || names.size() > 100)) {
      throw LogsRequest.invalidValue(
          names, "logStreamNames", "Member must have length between 1 and 100");
    }
    long start = req.longValue("startTime", Long.MIN_VALUE);
    long end = req.longValue("endTime", Long.MAX_VALUE);
    long endExclusive = end == Long.MAX_VALUE ? end : end + 1;
    int limit = req.intInRange("limit", 1, 10_000, 10_000);
    req.bool("interleaved", true);
    FilterPattern pattern = pattern(req.string("filterPattern"));
    Cursor after = token(req.string("nextToken"));
    if (store.group(group).isEmpty()) {
      throw LogsException.groupNotFound();
    }
    EventScan.Result result =
        EventScan.scan(
            (at, n) -> store.events(group, names, prefix, start, endExclusive, at, n),
            pattern,
            after,
            limit,
            PAGE_SIZE,
            SCAN_BUDGET);
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    ArrayNode events = reply.putArray("events");
    for (LogEvent e : result.matches()) {
      events
          .addObject()
          .put("logStreamName", e.stream())
          .put("timestamp", e.timestamp())
          .put("message", e.message())
          .put("ingestionTime", e.ingestionTime())
          .put("eventId", e.eventId());
    }
    ArrayNode searched = reply.putArray("searchedLogStreams");
    for (LogStream s : store.streams(group)) {
      if ((names == null || names.contains(s.name()))
          && (prefix == null || s.name().startsWith(prefix))) {
        searched
            .addObject()
            .put("logStreamName", s.name())
            .put("searchedCompletely", result.next() == null);
      }
    }
    if (result.next() != null) {
      reply.put("nextToken", result.next().token());
    }
    return reply;
  }

  static FilterPattern pattern(String text) {
    try {
      return FilterPattern.parse(text);
    } catch (InvalidPatternException e) {
      throw LogsException.invalid("Invalid filter pattern");
    }
  }

  private static Cursor token(String token) {
    if (token == null) {
      return null;
    }
    try {
      return Cursor.parse(token);
    } catch (IllegalArgumentException e) {
      throw LogsException.invalid("The specified nextToken is invalid.");
    }
  }
}
