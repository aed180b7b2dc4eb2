package dev.outlet.iam.policy;

import java.util.List;
import java.util.Objects;

/**
 * An {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource} element: the patterns
 * as written (a single string becomes a list of one) and whether the element is the negated one. A
 * negated element matches what none of its patterns match.
 *
 * @param values the patterns, never empty
 * @param negated true for {@code NotAction} or {@code NotResource}
 */
public record Element(List<String> values, boolean negated) {
  /**
   * What a resource-based policy without {@code Resource} applies to: the resource it is attached
   * to, whatever its ARN.
   */
  public static final Element ANY = new Element(List.of("*"), false);

  public Element {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
  }
}
