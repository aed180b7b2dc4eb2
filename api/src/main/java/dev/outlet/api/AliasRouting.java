package dev.outlet.api;

import dev.outlet.core.AliasRecord;
import java.util.Map;

/**
 * Which version an invocation of an alias runs, decided per invocation: the additional version with
 * its weight's probability, else the primary. Pure: the caller supplies the uniform draw.
 */
final class AliasRouting {
  private AliasRouting() {}

  /**
   * @param draw uniform in [0, 1)
   */
  static String pick(AliasRecord alias, double draw) {
    for (Map.Entry<String, Double> e : alias.weights().entrySet()) {
      if (draw < e.getValue()) {
        return e.getKey();
      }
    }
    return alias.version();
  }
}
