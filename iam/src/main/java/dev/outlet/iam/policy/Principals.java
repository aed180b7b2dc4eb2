package dev.outlet.iam.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resource-based statement's {@code Principal} or {@code NotPrincipal}: either {@code "*"}
 * (anyone) or principals by type ({@code AWS}, {@code Service}, {@code Federated}, {@code
 * CanonicalUser}). Matching lives in {@link PrincipalMatcher}.
 *
 * @param negated true for {@code NotPrincipal}
 * @param anyone true for {@code "*"} written alone
 * @param byType identifiers by principal type, as written; empty when {@code anyone}
 */
public record Principals(boolean negated, boolean anyone, Map<String, List<String>> byType) {
  public Principals {
    Objects.requireNonNull(byType, "byType");
    byType = Map.copyOf(byType);
    byType.values().forEach(ids -> Objects.requireNonNull(ids, "ids"));
  }

  /** The identifiers of one type ({@code AWS}, {@code Service}, ...), empty when none. */
  public List<String> of(String type) {
    return byType.getOrDefault(type, List.of());
  }
}
