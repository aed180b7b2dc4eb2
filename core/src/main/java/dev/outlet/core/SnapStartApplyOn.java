package dev.outlet.core;

import java.util.Optional;

/**
 * A function's {@code SnapStart.ApplyOn}, with its AWS wire name. With {@code PublishedVersions},
 * Outlet initializes each published version once when it is published and keeps what that init
 * leaves behind (a Java function's class-data cache) for the version's cold starts; {@code $LATEST}
 * is never optimized, as on Lambda.
 */
public enum SnapStartApplyOn {
  PUBLISHED_VERSIONS("PublishedVersions"),
  NONE("None");

  private final String wireName;

  SnapStartApplyOn(String wireName) {
    this.wireName = wireName;
  }

  /** The name AWS uses in {@code SnapStart.ApplyOn}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<SnapStartApplyOn> fromWire(String name) {
    for (SnapStartApplyOn a : values()) {
      if (a.wireName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
