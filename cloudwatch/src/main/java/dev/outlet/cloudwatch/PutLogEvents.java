package dev.outlet.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.outlet.telemetry.LogEntry;
import dev.outlet.telemetry.LogGroup;
import dev.outlet.telemetry.LogStore;
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
final class PutLogEvents implements LogsOperation<PutLogEvents.Request, PutLogEvents.Response> {

  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  static final int MAX_BATCH_BYTES = 1_048_576;
  static final int EVENT_OVERHEAD = 26;

  /** PutLogEvents' request: the group (by name or identifier), the stream and the batch. */
  record Request(
      String logGroupName,
      String logGroupIdentifier,
      String logStreamName,
      List<InputLogEvent> logEvents,
      String sequenceToken)
      implements LogsInput {
    @Override
    public void validate() {
      group();
      LogsValidation.required(logStreamName, "logStreamName");
      entries();
    }

    String group() {
      return LogsValidation.group(logGroupName, logGroupIdentifier);
    }

    /** The batch as entries, checked against AWS's limits on a batch. */
    List<LogEntry> entries() {
      return PutLogEvents.entries(logEvents);
    }
  }

  /** One event of the batch, as sent. */
  record InputLogEvent(Long timestamp, String message) {}

  /** PutLogEvents' response; {@code rejectedLogEventsInfo} only when an event was rejected. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(String nextSequenceToken, Rejected rejectedLogEventsInfo) {}

  /** The index ranges of the rejected events; each member only when some were so rejected. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Rejected(
      Integer tooNewLogEventStartIndex,
      Integer tooOldLogEventEndIndex,
      Integer expiredLogEventEndIndex) {}

  private final LogStore store;
  private final Clock clock;

  PutLogEvents(LogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Response handle(Request req, Scope scope) {
    String group = req.group();
    String stream = req.logStreamName();
    List<LogEntry> events = req.entries();
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
    Rejected rejected = null;
    if (tooOldEnd >= 0 || expiredEnd >= 0 || tooNewStart < events.size()) {
      rejected =
          new Rejected(
              tooNewStart < events.size() ? tooNewStart : null,
              tooOldEnd >= 0 ? tooOldEnd : null,
              expiredEnd >= 0 ? expiredEnd : null);
    }
    return new Response(Long.toString(now), rejected);
  }

  /** The index of the last event older than {@code cutoff}, or -1 (events are chronological). */
  private static int lastBefore(List<LogEntry> events, long cutoff) {
    int i = -1;
    while (i + 1 < events.size() && events.get(i + 1).timestamp() < cutoff) {
      i++;
    }
    return i;
  }

  /** The batch as entries, or AWS's error for the first limit it breaks. */
  private static List<LogEntry> entries(List<InputLogEvent> batch) {
    if (batch == null || batch.isEmpty()) {
      throw LogsValidation.invalidValue(
          "[]", "logEvents", "Member must have length greater than or equal to 1");
    }
    if (batch.size() > 10_000) {
      throw LogsValidation.invalidValue(
          batch.size(), "logEvents", "Member must have length less than or equal to 10000");
    }
    List<LogEntry> events = new ArrayList<>(batch.size());
    long bytes = 0;
    for (InputLogEvent e : batch) {
      if (e == null || e.timestamp() == null || e.message() == null) {
        throw LogsException.serialization("each log event needs a timestamp and a message");
      }
      LogEntry entry = new LogEntry(e.timestamp(), e.message());
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
