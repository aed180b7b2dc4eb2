package dev.outlet.iam.policy;

import java.util.List;

/**
 * One statement of a policy.
 *
 * @param sid its Sid, or null
 * @param allow true for {@code Allow}, false for {@code Deny}
 * @param actions the {@code Action} patterns, or the {@code NotAction} ones when {@code notAction}
 * @param resources the {@code Resource} patterns, or the {@code NotResource} ones; empty when the
 *     statement names none (resource policies may omit it)
 * @param conditions every condition, all of which must hold
 */
public record Statement(
    String sid,
    boolean allow,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    boolean notResource,
    List<Condition> conditions) {

  public Statement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** Whether the statement covers this action, resource and context. */
  boolean applies(AccessRequest request) {
    boolean action = actions.stream().anyMatch(a -> Wildcard.matches(a, request.action(), true));
    if (action == notAction) {
      return false;
    }
    if (!resources.isEmpty()) {
      boolean resource =
          resources.stream()
              .anyMatch(r -> Wildcard.matches(request.substitute(r), request.resource(), false));
      if (resource == notResource) {
        return false;
      }
    }
    return conditions.stream().allMatch(c -> c.holds(request));
  }
}
