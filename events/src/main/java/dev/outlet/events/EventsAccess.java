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
      Named named = call.inputOrNull(Named.class);
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
