package dev.outlet.cloudwatch;

import dev.outlet.telemetry.Cursor;
import dev.outlet.telemetry.LogEvent;
import dev.outlet.telemetry.LogStore;
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
final class GetLogEvents implements LogsOperation<GetLogEvents.Request, GetLogEvents.Response> {

  /** GetLogEvents' request: the group (by name or identifier) and stream are required. */
  record Request(
      String logGroupName,
      String logGroupIdentifier,
      String logStreamName,
      Long startTime,
      Long endTime,
      Long limit,
      Boolean startFromHead,
      String nextToken)
      implements LogsInput {
    @Override
    public void validate() {
      group();
      LogsValidation.required(logStreamName, "logStreamName");
      LogsValidation.range(limit, "limit", 1, 10_000);
    }

    String group() {
      return LogsValidation.group(logGroupName, logGroupIdentifier);
    }
  }

  /** GetLogEvents' response: both tokens always. */
  record Response(List<Event> events, String nextForwardToken, String nextBackwardToken) {}

  /** One event of the stream. */
  record Event(long timestamp, String message, long ingestionTime) {}

  private final LogStore store;

  GetLogEvents(LogStore store) {
    this.store = store;
  }

  @Override
  public Response handle(Request req, Scope scope) {
    String group = req.group();
    String stream = req.logStreamName();
    long start = req.startTime() == null ? Long.MIN_VALUE : req.startTime();
    long end = req.endTime() == null ? Long.MAX_VALUE : req.endTime();
    int limit = req.limit() == null ? 10_000 : req.limit().intValue();
    boolean forward = Boolean.TRUE.equals(req.startFromHead());
    String token = req.nextToken();
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
    List<Event> events =
        page.stream().map(e -> new Event(e.timestamp(), e.message(), e.ingestionTime())).toList();
    Cursor last = page.isEmpty() ? position : page.getLast().cursor();
    Cursor first = page.isEmpty() ? position : page.getFirst().cursor();
    return new Response(events, "f/" + last.token(), "b/" + first.token());
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
