package dev.outlet.core;

import java.util.Optional;

/** The instruction set a function is built for, with its AWS wire name. */
public enum Architecture {
  X86_64("x86_64"),
  ARM64("arm64");

  private final String wireName;

  Architecture(String wireName) {
    this.wireName = wireName;
  }

  /** The name AWS uses in {@code Architectures}. */
  public String wireName() {
    return wireName;
  }

  /** The architecture of the JVM running Outlet, or x86_64 when the host is neither. */
  public static Architecture host() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("aarch64") || arch.equals("arm64") ? ARM64 : X86_64;
  }

  public static Optional<Architecture> fromWire(String name) {
    for (Architecture a : values()) {
      if (a.wireName.equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
