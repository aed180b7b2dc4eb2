package dev.outlet.core;

import java.util.Map;

/**
 * An alias: a name for one published version (or {@code $LATEST}), optionally routing a share of
 * invocations to a second version.
 *
 * @param function the function's name
 * @param name the alias's name
 * @param version the primary version ("$LATEST" or a number)
 * @param description "" when none was given
 * @param weights the additional version and its share (at most one entry), empty when none
 * @param revisionId changes with every update
 */
public record AliasRecord(
    String function,
    String name,
    String version,
    String description,
    Map<String, Double> weights,
    String revisionId) {
  public AliasRecord {
    weights = weights == null ? Map.of() : Map.copyOf(weights);
    description = description == null ? "" : description;
  }
}
