package dev.outlet.cloudwatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.outlet.telemetry.LogGroup;
import dev.outlet.telemetry.LogStore;
import java.util.List;

/**
 * DescribeLogGroups: the groups by name, filtered by {@code logGroupNamePrefix} or (exclusive) by
 * the case-sensitive substring {@code logGroupNamePattern}, {@code limit} (1–50) at a time.
 */
final class DescribeLogGroups
    implements LogsOperation<DescribeLogGroups.Request, DescribeLogGroups.Response> {

  /** DescribeLogGroups' request; every member optional. */
  record Request(
      String logGroupNamePrefix, String logGroupNamePattern, Long limit, String nextToken)
      implements LogsInput {
    @Override
    public void validate() {
      LogsValidation.exclusive(
          logGroupNamePrefix,
          logGroupNamePattern,
          "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
      LogsValidation.range(limit, "limit", 1, 50);
    }

    int pageSize() {
      return limit == null ? 50 : limit.intValue();
    }
  }

  /** DescribeLogGroups' response; {@code nextToken} only when more groups follow. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Response(List<Group> logGroups, String nextToken) {}

  /** One group as AWS describes it; {@code retentionInDays} only when the group has a policy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Group(
      String logGroupName,
      long creationTime,
      Integer retentionInDays,
      int metricFilterCount,
      String arn,
      long storedBytes,
      String logGroupClass,
      String logGroupArn) {}

  private final LogStore store;

  DescribeLogGroups(LogStore store) {
    this.store = store;
  }

  @Override
  public Response handle(Request req, Scope scope) {
    String prefix = req.logGroupNamePrefix();
    String pattern = req.logGroupNamePattern();
    int limit = req.pageSize();
    String after = PageTokens.decode(req.nextToken());
    List<LogGroup> groups =
        store.groups().stream()
            .filter(g -> prefix == null || g.name().startsWith(prefix))
            .filter(g -> pattern == null || g.name().contains(pattern))
            .filter(g -> after == null || g.name().compareTo(after) > 0)
            .limit(limit + 1L)
            .toList();
    List<Group> page =
        groups.subList(0, Math.min(limit, groups.size())).stream()
            .map(g -> describe(g, scope))
            .toList();
    String next = groups.size() > limit ? PageTokens.encode(groups.get(limit - 1).name()) : null;
    return new Response(page, next);
  }

  private static Group describe(LogGroup g, Scope scope) {
    String arn = Arns.group(scope, g.name());
    return new Group(
        g.name(),
        g.creationTime(),
        g.retentionInDays(),
        0,
        arn + ":*",
        g.storedBytes(),
        "STANDARD",
        arn);
  }
}
