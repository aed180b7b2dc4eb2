package dev.outlet.cloudwatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outlet.edge.Access;
import java.util.List;
import java.util.Set;

/**
 * The permissions CloudWatch Logs' operations need: {@code logs:<Operation>} on the log stream's
 * ARN for stream operations ({@code arn:aws:logs:R:A:log-group:G:log-stream:S}), on the group's
 * ({@code ...:log-group:G:*}, as DescribeLogGroups shows it, so that the usual {@code
 * log-group:G:*} grants match) for group operations, and on {@code ...:log-group:*} for
 * DescribeLogGroups.
 */
final class LogsAccess {
  private static final Set<String> STREAM_OPERATIONS =
      Set.of("CreateLogStream", "PutLogEvents", "GetLogEvents");

  /** The members that name what a Logs request acts on. */
  record Named(
      @JsonProperty("logGroupName") String logGroupName,
      @JsonProperty("logGroupIdentifier") String logGroupIdentifier,
      @JsonProperty("logStreamName") String logStreamName) {}

  private LogsAccess() {}

  static Access.Resolver resolver(String account) {
    return call -> {
      Scope scope = new Scope(call.region(), account);
      String action = "logs:" + call.operation();
      Named named = call.inputOrNull(Named.class);
      String group =
          named == null
              ? null
              : named.logGroupName() != null
                  ? named.logGroupName()
                  : named.logGroupIdentifier() == null
                      ? null
                      : groupOrNull(named.logGroupIdentifier());
      if (group == null) {
        return List.of(new Access(action, Arns.group(scope, "*")));
      }
      if (STREAM_OPERATIONS.contains(call.operation()) && named.logStreamName() != null) {
        return List.of(new Access(action, Arns.stream(scope, group, named.logStreamName())));
      }
      return List.of(new Access(action, Arns.group(scope, group) + ":*"));
    };
  }

  private static String groupOrNull(String identifier) {
    try {
      return Arns.groupOf(identifier);
    } catch (LogsException e) {
      return null;
    }
  }
}
