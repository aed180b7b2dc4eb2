package dev.outlet.cloudwatch;

import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.Service;
import dev.outlet.telemetry.LogStore;
import java.time.Clock;
import java.util.Map;

/**
 * The CloudWatch Logs API subset on the AWS edge: AWS JSON 1.1, {@code POST /} with {@code
 * X-Amz-Target: Logs_20140328.<Operation>}, over a {@link LogStore}. Stateless between requests:
 * pagination tokens carry every position, so they stay valid across requests and restarts. Store
 * failures are answered as {@code ServiceUnavailableException}, their details only in Outlet's log.
 */
public final class LogsService {

  /** The target prefix of every CloudWatch Logs request. */
  public static final String TARGET_PREFIX = "Logs_20140328.";

  static final int MAX_BODY = 2 << 20;

  private LogsService() {}

  /** The service over {@code store}, ARNs in {@code account}. */
  public static Service create(LogStore store, String account) {
    return create(store, account, Clock.systemUTC());
  }

  static Service create(LogStore store, String account, Clock clock) {
    Map<String, Operation> ops =
        Map.ofEntries(
            bind(FilterLogEvents.Request.class, new FilterLogEvents(store), account),
            bind(GetLogEvents.Request.class, new GetLogEvents(store), account),
            bind(DescribeLogGroups.Request.class, new DescribeLogGroups(store), account),
            bind(DescribeLogStreams.Request.class, new DescribeLogStreams(store), account),
            bind(CreateLogGroup.Request.class, new CreateLogGroup(store), account),
            bind(DeleteLogGroup.Request.class, new DeleteLogGroup(store), account),
            bind(CreateLogStream.Request.class, new CreateLogStream(store), account),
            bind(PutLogEvents.Request.class, new PutLogEvents(store, clock), account),
            bind(PutRetentionPolicy.Request.class, new PutRetentionPolicy(store), account),
            bind(DeleteRetentionPolicy.Request.class, new DeleteRetentionPolicy(store), account));
    return new Service(
        "CloudWatch Logs",
        new Protocol.AwsJson("1.1", false),
        Service.byTarget(TARGET_PREFIX),
        ops,
        MAX_BODY,
        ERRORS,
        LogsAccess.resolver(account));
  }

  /**
   * The edge operation named after {@code op}'s class: binds the body to {@code input}, validates
   * it, and hands it to {@code op} with the call's scope. The one path from the wire to every
   * operation, so no operation decodes or checks members itself.
   */
  private static <I extends LogsInput> Map.Entry<String, Operation> bind(
      Class<I> input, LogsOperation<I, ?> op, String account) {
    Operation operation =
        call -> {
          I request = call.input(input);
          request.validate();
          return op.handle(request, new Scope(call.region(), account));
        };
    return Map.entry(op.getClass().getSimpleName(), operation);
  }

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          LogsException::unknownOperation,
          (operation, limit) ->
              LogsException.invalid("The request must be smaller than " + limit + " bytes."),
          LogsException::serialization,
          requestId -> LogsException.unavailable(),
          message -> new LogsException("AccessDeniedException", 400, message));
}
