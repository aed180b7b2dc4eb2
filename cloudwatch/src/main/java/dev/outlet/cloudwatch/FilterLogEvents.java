package dev.outlet.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.outlet.telemetry.Cursor;
import dev.outlet.telemetry.LogStore;
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
final class FilterLogEvents
    implements LogsOperation<FilterLogEvents.Request, FilterLogEvents.Response> {

  static final int PAGE_SIZE = 1_000;
  static final int SCAN_BUDGET = 20_000;

  /** FilterLogEvents' request: the group (by name or identifier) is required. */
  record Request(
      String logGroupName,
      String logGroupIdentifier,
      List<String> logStreamNames,
      String logStreamNamePrefix,
      Long startTime,
      Long endTime,
      String filterPattern,
      String nextToken,
      Long limit,
      Boolean interleaved,
      Boolean unmask)
      implements LogsInput {
    @Override
    public void validate() {
      group();
      LogsValidation.exclusive(
          logStreamNames,
          logStreamNamePrefix,
          "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
      if (logStreamNames != null && (logStreamNames.isEmpty() || logStreamNames.size() > 100)) {
        throw LogsValidation.invalidValue(
            logStreamNames, "logStreamNames", "Member must have length between 1 and 100");
      }
      LogsValidation.range(limit, "limit", 1, 10_000);
    }

    String group() {
      return LogsValidation.group(logGroupName, logGroupIdentifier);
    }
  }

  /** FilterLogEvents' response; {@code nextToken} only when the scan stopped before the end. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(List<Event> events, List<SearchedStream> searchedLogStreams, String nextToken) {}

  /** One matching event. */
  record Event(
      String logStreamName, long timestamp, String message, long ingestionTime, String eventId) {}

  /** A stream the request covered, and whether this page searched all of it. */
  record SearchedStream(String logStreamName, boolean searchedCompletely) {}

  private final LogStore store;

  FilterLogEvents(LogStore store) {
    this.store = store;
  }

  @Override
  public Response handle(Request req, Scope scope) {
    String group = req.group();
    List<String> names = req.logStreamNames();
    String prefix = req.logStreamNamePrefix();
    long start = req.startTime() == null ? Long.MIN_VALUE : req.startTime();
    long end = req.endTime() == null ? Long.MAX_VALUE : req.endTime();
    long endExclusive = end == Long.MAX_VALUE ? end : end + 1;
    int limit = req.limit() == null ? 10_000 : req.limit().intValue();
    FilterPattern pattern = pattern(req.filterPattern());
    Cursor after = token(req.nextToken());
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
    List<Event> events =
        result.matches().stream()
            .map(
                e ->
                    new Event(
                        e.stream(), e.timestamp(), e.message(), e.ingestionTime(), e.eventId()))
            .toList();
    boolean complete = result.next() == null;
    List<SearchedStream> searched =
        store.streams(group).stream()
            .filter(s -> names == null || names.contains(s.name()))
            .filter(s -> prefix == null || s.name().startsWith(prefix))
            .map(s -> new SearchedStream(s.name(), complete))
            .toList();
    return new Response(events, searched, complete ? null : result.next().token());
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
