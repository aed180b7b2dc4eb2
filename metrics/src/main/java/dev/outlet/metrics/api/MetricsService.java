package dev.outlet.metrics.api;

import dev.outlet.edge.Access;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.edge.Service;
import dev.outlet.metrics.MinuteStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CloudWatch metrics API ({@code monitoring}) on the AWS edge, as one {@link Service} per wire
 * protocol its clients use, sharing one operations map over a {@link MinuteStore}:
 *
 * <ol>
 *   <li>the query protocol: a form {@code POST /} without {@code X-Amz-Target}, unsigned or signed
 *       for {@code monitoring} (a form signed for another service is not CloudWatch's), naming its
 *       operation in {@code Action}; XML replies;
 *   <li>AWS JSON 1.0, query-compatible: {@code X-Amz-Target: GraniteServiceVersion20100801.Op};
 *   <li>Smithy RPC v2 CBOR, query-compatible: {@code POST
 *       /service/GraniteServiceVersion20100801/operation/Op}.
 * </ol>
 *
 * <p>The edge binds each request to its operation's input record ({@link GetMetricDataInput}, ...)
 * whichever protocol carried it; the operation checks it ({@link Validation}) and answers a result
 * record the edge encodes in the same protocol. Stateless; the store's futures are joined on the
 * edge's virtual thread.
 */
public final class MetricsService {
  /** The query protocol's XML namespace. */
  public static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  /** The Smithy service name, in JSON targets and CBOR paths. */
  static final String SERVICE = "GraniteServiceVersion20100801";

  static final String TARGET_PREFIX = SERVICE + ".";
  static final String CBOR_PATH = "/service/" + SERVICE + "/operation/";
  static final long MAX_BODY = 1 << 20;

  private MetricsService() {}

  /** The three services (query, JSON 1.0, CBOR) over {@code store}; {@code clock} for windows. */
  public static List<Service> create(MinuteStore store, InstantSource clock) {
    Map<String, Operation> ops =
        Map.of(
            "GetMetricStatistics",
            call ->
                GetMetricStatistics.run(call.input(GetMetricStatisticsInput.class), store).join(),
            "GetMetricData",
            call -> GetMetricData.run(call.input(GetMetricDataInput.class), store).join(),
            "ListMetrics",
            call ->
                ListMetrics.run(call.input(ListMetricsInput.class), store, clock.millis()).join());
    return List.of(
        service("CloudWatch (query)", new Protocol.AwsQuery(NAMESPACE), ops, MetricsService::query),
        service(
            "CloudWatch (JSON 1.0)",
            new Protocol.AwsJson("1.0", true),
            ops,
            Service.byTarget(TARGET_PREFIX)),
        service("CloudWatch (CBOR)", new Protocol.RpcV2Cbor(true), ops, MetricsService::cbor));
  }

  private static Service service(
      String name,
      Protocol protocol,
      Map<String, Operation> ops,
      Function<RequestHead, Service.Claim> claim) {
    return new Service(
        name,
        protocol,
        claim,
        ops,
        MAX_BODY,
        ERRORS,
        call -> List.of(new Access("cloudwatch:" + call.operation(), "*")));
  }

  /** A form {@code POST /} without a target, unsigned or signed for {@code monitoring}. */
  static Service.Claim query(RequestHead head) {
    if (!head.isQueryForm()) {
      return null;
    }
    String signedFor = RequestIdentity.of(head.header(), head.query()).service();
    return signedFor == null || signedFor.equals("monitoring") ? new Service.Claim.InBody() : null;
  }

  /** {@code POST /service/GraniteServiceVersion20100801/operation/<Op>}. */
  static Service.Claim cbor(RequestHead head) {
    if (!"POST".equals(head.method())
        || head.path() == null
        || !head.path().startsWith(CBOR_PATH)) {
      return null;
    }
    return new Service.Claim.Named(head.path().substring(CBOR_PATH.length()));
  }

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          MetricsService::unknownOperation,
          (operation, limit) ->
              ApiError.INVALID_PARAMETER_VALUE.with("Request must be smaller than 1 MB."),
          message -> ApiError.INVALID_PARAMETER_VALUE.with("The request body could not be parsed."),
          requestId ->
              ApiError.INTERNAL.with(
                  "Outlet could not serve the request; see its log for " + requestId + "."));

  private static AwsException unknownOperation(String name) {
    if (name.isEmpty()) {
      return ApiError.MISSING_PARAMETER.with("The parameter Action is required.");
    }
    return ApiError.INVALID_ACTION.with(
        "Outlet's CloudWatch serves GetMetricStatistics, GetMetricData and ListMetrics, not "
            + name
            + ".");
  }
}
