package dev.outlet.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outlet.edge.Access;
import java.util.List;

/**
 * The permissions EventBridge's operations need: {@code events:<Operation>} on the rule's ARN
 * ({@code arn:aws:events:R:A:rule/NAME}, or {@code rule/BUS/NAME} on another bus) for rule
 * operations, {@code *} for ListRules; Outlet's own ListSchedules asks for {@code
 * events:ListRules}.
 */
final class EventsAccess {
  /** The members that name the rule a request acts on. */
  record Named(
      @JsonProperty("Name") String name,
      @JsonProperty("Rule") String rule,
      @JsonProperty("EventBusName") String eventBusName) {}

  private EventsAccess() {}

  static Access.Resolver resolver(String account) {
    return call -> {
      String operation = call.operation();
      if (operation.startsWith(EventsService.OUTLET_PREFIX)) {
        return List.of(new Access("events:ListRules", "*"));
      }
      if (operation.equals("ListEventBuses") || operation.equals("TestEventPattern")) {
        return List.of(new Access("events:" + operation, "*"));
      }
      Named named = call.inputOrNull(Named.class);
      if (operation.endsWith("EventBus") || operation.equals("PutEvents")) {
        // the bus: named by Name (bus operations); PutEvents' entries name theirs (the default
        // bus when they do not): authorized on the default bus, each entry's bus checked by name
        String bus =
            operation.equals("PutEvents") || named == null || named.name() == null
                ? Rule.DEFAULT_BUS
                : named.name();
        return List.of(new Access("events:" + operation, Rule.busArn(call.region(), account, bus)));
      }
      String rule = named == null ? null : named.name() != null ? named.name() : named.rule();
      if (rule == null || operation.equals("ListRules")) {
        return List.of(new Access("events:" + operation, "*"));
      }
      String bus = named.eventBusName();
      String path = bus == null || bus.equals("default") ? rule : bus + "/" + rule;
      return List.of(
          new Access(
              "events:" + operation,
              "arn:aws:events:" + call.region() + ":" + account + ":rule/" + path));
    };
  }
}
