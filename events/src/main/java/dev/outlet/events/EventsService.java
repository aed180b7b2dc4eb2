package dev.outlet.events;

import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.Service;
import java.util.Map;
import java.util.function.Function;

/**
 * The EventBridge API subset on the AWS edge: AWS JSON 1.1, {@code POST /} with {@code
 * X-Amz-Target: AWSEvents.<Operation>} (rules, targets, event buses, PutEvents, TestEventPattern),
 * and Outlet's own {@code OutletEvents.ListSchedules}.
 */
public final class EventsService {
  public static final String TARGET_PREFIX = "AWSEvents.";
  public static final String OUTLET_PREFIX = "OutletEvents.";
  private static final String LIST_SCHEDULES = "ListSchedules";
  private static final int MAX_BODY = 256 * 1024;

  private EventsService() {}

  static Service create(EventsOperations ops, BusOperations buses, String account) {
    Map<String, Operation> operations =
        Map.ofEntries(
            bind("PutRule", EventsRequests.PutRuleRequest.class, ops::putRule),
            bind("DescribeRule", EventsRequests.DescribeRuleRequest.class, ops::describeRule),
            bind("ListRules", EventsRequests.ListRulesRequest.class, ops::listRules),
            bind("DeleteRule", EventsRequests.DeleteRuleRequest.class, ops::deleteRule),
            bind("EnableRule", EventsRequests.RuleStateRequest.class, ops::enableRule),
            bind("DisableRule", EventsRequests.RuleStateRequest.class, ops::disableRule),
            bind("PutTargets", EventsRequests.PutTargetsRequest.class, ops::putTargets),
            bind(
                "ListTargetsByRule",
                EventsRequests.ListTargetsByRuleRequest.class,
                ops::listTargetsByRule),
            bind(
                "ListRuleNamesByTarget",
                EventsRequests.ListRuleNamesByTargetRequest.class,
                ops::listRuleNamesByTarget),
            bind("RemoveTargets", EventsRequests.RemoveTargetsRequest.class, ops::removeTargets),
            bind("PutEvents", EventsRequests.PutEventsRequest.class, buses::putEvents),
            bind(
                "CreateEventBus",
                EventsRequests.CreateEventBusRequest.class,
                buses::createEventBus),
            bind("DeleteEventBus", EventsRequests.EventBusRequest.class, buses::deleteEventBus),
            bind("DescribeEventBus", EventsRequests.EventBusRequest.class, buses::describeEventBus),
            bind(
                "ListEventBuses",
                EventsRequests.ListEventBusesRequest.class,
                buses::listEventBuses),
            bind(
                "TestEventPattern",
                EventsRequests.TestEventPatternRequest.class,
                buses::testEventPattern),
            bind(
                OUTLET_PREFIX + LIST_SCHEDULES,
                EventsRequests.ListSchedulesRequest.class,
                ops::listSchedules));
    return new Service(
        "EventBridge",
        new Protocol.AwsJson("1.1", false),
        EventsService::claim,
        operations,
        MAX_BODY,
        ERRORS,
        EventsAccess.resolver(account));
  }

  /**
   * The edge operation {@code name}: binds the body to {@code input}, validates it, and hands it to
   * {@code op} with the call's region. The one path from the wire to every operation.
   */
  private static <I extends EventsRequests.Input> Map.Entry<String, Operation> bind(
      String name, Class<I> input, EventsOperation<I, ?> op) {
    Operation operation =
        call -> {
          I request = call.input(input);
          request.validate();
          return op.handle(request, call.region());
        };
    return Map.entry(name, operation);
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
          requestId -> EventsException.internal(),
          message -> new EventsException("AccessDeniedException", 400, message));
}
