package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.Service;
import dev.outlet.telemetry.SqliteLogStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The CloudWatch Logs API subset on the AWS edge: AWS JSON 1.1, {@code POST /} with {@code
 * X-Amz-Target: Logs_20140328.<Operation>}, over a {@link SqliteLogStore}. Stateless between
 * requests: pagination tokens carry every position, so they stay valid across requests and
 * restarts. Store failures are answered as {@code ServiceUnavailableException}, their details only
 * in Outlet's log.
 */
public final class LogsService {

  /** The target prefix of every CloudWatch Logs request. */
  public static final String TARGET_PREFIX = "Logs_20140328.";

  static final int MAX_BODY = 2 << 20;

  private LogsService() {}

  /** The service over {@code store}, ARNs in {@code account}. */
  public static Service create(SqliteLogStore store, String account) {
    return create(store, account, Clock.systemUTC());
  }

  static Service create(SqliteLogStore store, String account, Clock clock) {
    Map<String, LogsOperation> ops =
        Map.ofEntries(
            Map.entry("FilterLogEvents", new FilterLogEvents(store)),
            Map.entry("GetLogEvents", new GetLogEvents(store)),
            Map.entry("DescribeLogGroups", new DescribeLogGroups(store)),
            Map.entry("DescribeLogStreams", new DescribeLogStreams(store)),
            Map.entry("CreateLogGroup", new CreateLogGroup(store)),
            Map.entry("DeleteLogGroup", new DeleteLogGroup(store)),
            Map.entry("CreateLogStream", new CreateLogStream(store)),
            Map.entry("PutLogEvents", new PutLogEvents(store, clock)),
            Map.entry("PutRetentionPolicy", new PutRetentionPolicy(store)),
            Map.entry("DeleteRetentionPolicy", new DeleteRetentionPolicy(store)));
    return new Service(
        "CloudWatch Logs",
        new Protocol.AwsJson("1.1", false),
        Service.byTarget(TARGET_PREFIX),
        wrap(ops, account),
        MAX_BODY,
        ERRORS);
  }

  private static Map<String, Operation> wrap(Map<String, LogsOperation> ops, String account) {
    Map<String, Operation> wrapped = new HashMap<>();
    ops.forEach(
        (name, op) ->
            wrapped.put(
                name,
                call ->
                    op.handle(
                        new LogsRequest(call.input(JsonNode.class), call.region(), account))));
    return wrapped;
  }

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          LogsException::unknownOperation,
          (operation, limit) ->
              LogsException.invalid("The request must be smaller than " + limit + " bytes."),
          LogsException::serialization,
          requestId -> LogsException.unavailable());
}
