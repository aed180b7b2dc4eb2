package dev.outlet.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.outlet.telemetry.LogStore;
import dev.outlet.telemetry.LogStream;
import java.util.Comparator;
import java.util.List;

/**
 * DescribeLogStreams: a group's streams ordered by {@code LogStreamName} (default) or {@code
 * LastEventTime} (streams without events first), ascending or {@code descending}, {@code limit}
 * (1–50) at a time. A prefix cannot be combined with {@code LastEventTime}, as on AWS.
 */
final class DescribeLogStreams
    implements LogsOperation<DescribeLogStreams.Request, DescribeLogStreams.Response> {

  /** The values of {@code orderBy}, in AWS's order. */
  static final List<String> ORDERS = List.of("LogStreamName", "LastEventTime");

  /** DescribeLogStreams' request: the group (by name or identifier) is required. */
  record Request(
      String logGroupName,
      String logGroupIdentifier,
      String logStreamNamePrefix,
      String orderBy,
      Boolean descending,
      Long limit,
      String nextToken)
      implements LogsInput {
    @Override
    public void validate() {
      group();
      LogsValidation.oneOf(orderBy, "orderBy", ORDERS);
      if (byTime() && logStreamNamePrefix != null) {
        throw LogsException.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
      }
      LogsValidation.range(limit, "limit", 1, 50);
    }

    String group() {
      return LogsValidation.group(logGroupName, logGroupIdentifier);
    }

    boolean byTime() {
      return "LastEventTime".equals(orderBy);
    }
  }

  /** DescribeLogStreams' response; {@code nextToken} only when more streams follow. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(List<Stream> logStreams, String nextToken) {}

  /** One stream as AWS describes it; the event times only once it holds events. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stream(
      String logStreamName,
      long creationTime,
      Long firstEventTimestamp,
      Long lastEventTimestamp,
      Long lastIngestionTime,
      String uploadSequenceToken,
      String arn,
      long storedBytes) {}

  private final LogStore store;

  DescribeLogStreams(LogStore store) {
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
  public Response handle(Request req, Scope scope) {
    String group = req.group();
    String prefix = req.logStreamNamePrefix();
    boolean byTime = req.byTime();
    boolean descending = Boolean.TRUE.equals(req.descending());
    int limit = req.limit() == null ? 50 : req.limit().intValue();
    String token = PageTokens.decode(req.nextToken());
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
    List<Stream> page =
        streams.subList(0, Math.min(limit, streams.size())).stream()
            .map(s -> describe(s, group, scope))
            .toList();
    String next =
        streams.size() > limit
            ? PageTokens.encode(key(streams.get(limit - 1), byTime).token())
            : null;
    return new Response(page, next);
  }

  private static Stream describe(LogStream s, String group, Scope scope) {
    boolean events = s.hasEvents();
    return new Stream(
        s.name(),
        s.creationTime(),
        events ? s.firstEventTimestamp() : null,
        events ? s.lastEventTimestamp() : null,
        events ? s.lastIngestionTime() : null,
        Long.toString(Math.max(s.creationTime(), s.lastIngestionTime())),
        Arns.stream(scope, group, s.name()),
        s.storedBytes());
  }

  private static Key key(LogStream s, boolean byTime) {
    return new Key(
        byTime ? (s.hasEvents() ? s.lastEventTimestamp() : Long.MIN_VALUE) : 0, s.name());
  }
}
