package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.LogEntry;
import dev.outlet.telemetry.LogGroup;
import dev.outlet.telemetry.SqliteLogStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * PutLogEvents: a chronological batch (at most 10,000 events, 1,048,576 bytes counting 26 per
 * event, spanning at most 24 hours) into an existing stream. {@code sequenceToken} is ignored, as
 * AWS now does. Events more than 2 hours in the future, older than 14 days, or older than the
 * group's retention are rejected and reported in {@code rejectedLogEventsInfo}; the rest are
 * committed before the call returns (they bypass the store's drop-oldest queue).
 */
final class PutLogEvents implements LogsOperation {

  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  static final int MAX_BATCH_BYTES = 1_048_576;
  static final int EVENT_OVERHEAD = 26;

  private final SqliteLogStore store;
  private final Clock clock;

  PutLogEvents(SqliteLogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public ObjectNode handle(LogsRequest req) {
    String group = req.groupName();
    String stream = req.required("logStreamName");
    List<LogEntry> events = events(req.body().get("logEvents"));
    LogGroup g = store.group(group).orElseThrow(LogsException::groupNotFound);
    if (store.streams(group).stream().noneMatch(s -> s.name().equals(stream))) {
      throw LogsException.streamNotFound();
    }
    long now = clock.millis();
    int tooOldEnd = lastBefore(events, now - 14 * DAY);
    int expiredEnd =
        g.retentionInDays() == null ? -1 : lastBefore(events, now - g.retentionInDays() * DAY);
    int tooNewStart = events.size();
    while (tooNewStart > 0 && events.get(tooNewStart - 1).timestamp() > now + 2 * HOUR) {
      tooNewStart--;
    }
    int from = Math.max(tooOldEnd, expiredEnd) + 1;
    if (from < tooNewStart) {
      store.store(group, stream, events.subList(from, tooNewStart));
    }
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    reply.put("nextSequenceToken", Long.toString(now));
    if (tooOldEnd >= 0 || expiredEnd >= 0 || tooNewStart < events.size()) {
      ObjectNode rejected = reply.putObject("rejectedLogEventsInfo");
      if (tooNewStart < events.size()) {
        rejected.put("tooNewLogEventStartIndex", tooNewStart);
      }
      if (tooOldEnd >= 0) {
        rejected.put("tooOldLogEventEndIndex", tooOldEnd);
      }
      if (expiredEnd >= 0) {
        rejected.put("expiredLogEventEndIndex", expiredEnd);
      }
    }
    return reply;
  }

  /** The index of the last event older than {@code cutoff}, or -1 (events are chronological). */
  private static int lastBefore(List<LogEntry> events, long cutoff) {
    int i = -1;
    while (i + 1 < events.size() && events.get(i + 1).timestamp() < cutoff) {
      i++;
    }
    return i;
  }

  private static List<LogEntry> events(JsonNode node) {
    if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
      throw LogsRequest.invalidValue(
          "[]", "logEvents", "Member must have length greater than or equal to 1");
    }
    if (!node.isArray()) {
      throw LogsException.serialization("'logEvents' must be a list");
    }
    if (node.size() > 10_000) {
      throw LogsRequest.invalidValue(
          node.size(), "logEvents", "Member must have length less than or equal to 10000");
    }
    List<LogEntry> events = new ArrayList<>(node.size());
    long bytes = 0;
    for (JsonNode e : node) {
      JsonNode ts = e.get("timestamp");
      JsonNode message = e.get("message");
      if (ts == null || !ts.isIntegralNumber() || message == null || !message.isTextual()) {
        throw LogsException.serialization("each log event needs a timestamp and a message");
      }
      LogEntry entry = new LogEntry(ts.longValue(), message.textValue());
      if (!events.isEmpty() && entry.timestamp() < events.getLast().timestamp()) {
        throw LogsException.invalid(
            "Log events in a single PutLogEvents request must be in chronological order.");
      }
      bytes += entry.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
      events.add(entry);
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw LogsException.invalid("Upload too large: " + bytes + " bytes exceeds limit of 1048576");
    }
    if (events.getLast().timestamp() - events.getFirst().timestamp() > DAY) {
      throw LogsException.invalid(
          "The batch of log events in a single PutLogEvents request cannot span more than 24"
              + " hours.");
    }
    return events;
  }
}
