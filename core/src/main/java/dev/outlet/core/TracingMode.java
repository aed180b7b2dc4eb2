package dev.outlet.core;

import java.util.Optional;

/**
 * A function's {@code TracingConfig.Mode}, with its AWS wire name. Outlet has no X-Ray: the mode is
 * stored and reported as Lambda reports it, but no trace is ever sent.
 */
public enum TracingMode {
  ACTIVE("Active"),
  PASS_THROUGH("PassThrough");

  private final String wireName;

  TracingMode(String wireName) {
    this.wireName = wireName;
  }

  /** The name AWS uses in {@code TracingConfig.Mode}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<TracingMode> fromWire(String name) {
    for (TracingMode m : values()) {
      if (m.wireName.equals(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
