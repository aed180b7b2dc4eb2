package dev.outlet.runtimes;

import java.nio.file.Path;

/**
 * An interpreter of this host that can serve managed runtimes.
 *
 * @param version its full version as it reports it ({@code 3.11.2}, {@code 20.20.2}, {@code
 *     17.0.15})
 * @param executable the program ({@code /usr/bin/python3.11}, {@code /usr/bin/node}, a JDK's {@code
 *     bin/java})
 * @param home a JDK's home folder; the executable's folder otherwise
 */
public record Interpreter(Family family, String version, Path executable, Path home) {

  /** The major version: 3 for Python 3.11, 20 for Node.js 20.x, 17 for JDK 17.0.15. */
  public int major() {
    return part(0);
  }

  /** The minor version (Python's 11 in 3.11), or -1. */
  public int minor() {
    return part(1);
  }

  /** The version as a runtime id names it: {@code 3.11}, {@code 20}, {@code 17}. */
  public String languageVersion() {
    return family == Family.PYTHON ? major() + "." + minor() : Integer.toString(major());
  }

  private int part(int index) {
    String[] parts = version.split("[.+_-]");
    try {
      return parts.length > index ? Integer.parseInt(parts[index]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code Python 3.11.2 (/usr/bin/python3.11)}. */
  public String describe() {
    return family.label() + " " + version + " (" + executable + ")";
  }
}
