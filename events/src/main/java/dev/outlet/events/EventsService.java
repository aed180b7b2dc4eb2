package dev.outlet.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The EventBridge API subset on the AWS edge: AWS JSON 1.1, {@code POST /} with {@code
 * X-Amz-Target: AWSEvents.<Operation>}, and Outlet's own {@code OutletEvents.ListSchedules}.
 */
public final class EventsService {
  public static final String TARGET_PREFIX = "AWSEvents.";
  public static final String OUTLET_PREFIX = "OutletEvents.";
  private static final String LIST_SCHEDULES = "ListSchedules";
  private static final int MAX_BODY = 256 * 1024;
  private static final List<String> OPERATIONS =
      List.of(
          "PutRule",
          "DescribeRule",
          "ListRules",
          "DeleteRule",
          "EnableRule",
          "DisableRule",
          "PutTargets",
          "ListTargetsByRule",
          "RemoveTargets");

  private EventsService() {}

  static Service create(EventsOperations operations) {
    Map<String, Operation> ops = new HashMap<>();
    for (String name : OPERATIONS) {
      ops.put(name, call -> operations.handle(name, call.input(JsonNode.class), call.region()));
    }
    ops.put(
        OUTLET_PREFIX + LIST_SCHEDULES,
        call -> operations.handle(LIST_SCHEDULES, call.input(JsonNode.class), call.region()));
    return new Service(
        "EventBridge",
        new Protocol.AwsJson("1.1", false),
        EventsService::claim,
        ops,
        MAX_BODY,
        ERRORS);
  }

  /** AWS's operations by their names; Outlet's own by their full target. */
  private static Service.Claim claim(RequestHead head) {
    if (OUTLET.apply(head) instanceof Service.Claim.Named outlet) {
      String name = outlet.operation();
      return new Service.Claim.Named(name.isEmpty() ? name : OUTLET_PREFIX + name);
    }
    return AWS.apply(head);
  }

  private static final Function<RequestHead, Service.Claim> OUTLET =
      Service.byTarget(OUTLET_PREFIX);
  private static final Function<RequestHead, Service.Claim> AWS = Service.byTarget(TARGET_PREFIX);

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          EventsException::unknownOperation,
          (operation, limit) ->
              EventsException.validation("The request must be smaller than 256 KB."),
          EventsException::serialization,
          requestId -> EventsException.internal());
}
