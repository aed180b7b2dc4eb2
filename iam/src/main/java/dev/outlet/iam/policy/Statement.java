package dev.outlet.iam.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a policy, as parsed: immutable, so a parsed document can be cached and shared by
 * any number of threads deciding requests.
 *
 * @param sid the {@code Sid}, when written
 * @param effect {@code Allow} or {@code Deny}
 * @param actions {@code Action} or {@code NotAction}
 * @param resources {@code Resource} or {@code NotResource}; {@link Element#ANY} for a
 *     resource-based statement that names none
 * @param principals {@code Principal} or {@code NotPrincipal}; empty in identity-based policies
 * @param conditions every key of the {@code Condition} block, all of which must hold
 */
public record Statement(
    Optional<String> sid,
    Effect effect,
    Element actions,
    Element resources,
    Optional<Principals> principals,
    List<Condition> conditions) {
  public Statement {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(principals, "principals");
    conditions = List.copyOf(conditions);
  }
}
