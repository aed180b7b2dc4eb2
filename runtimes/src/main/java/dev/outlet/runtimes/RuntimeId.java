package dev.outlet.runtimes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A managed runtime's id, read: {@code python3.12} (3, 12), {@code nodejs20.x} (20), {@code java21}
 * or {@code java8.al2} (21, 8). Pure.
 *
 * @param minor the Python minor version; -1 for the others
 */
public record RuntimeId(String id, Family family, int major, int minor) {
  private static final Pattern PYTHON = Pattern.compile("python(\\d+)\\.(\\d+)");
  private static final Pattern NODE = Pattern.compile("nodejs(\\d+)\\.x");
  private static final Pattern JAVA = Pattern.compile("java(\\d+)(\\.al2)?");

  /** The managed runtime {@code id} names, or empty (custom runtimes, other languages). */
  public static Optional<RuntimeId> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Matcher m = PYTHON.matcher(id);
    if (m.matches()) {
      return Optional.of(
          new RuntimeId(
              id, Family.PYTHON, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    m = NODE.matcher(id);
    if (m.matches()) {
      return Optional.of(new RuntimeId(id, Family.NODEJS, Integer.parseInt(m.group(1)), -1));
    }
    m = JAVA.matcher(id);
    if (m.matches()) {
      return Optional.of(new RuntimeId(id, Family.JAVA, Integer.parseInt(m.group(1)), -1));
    }
    return Optional.empty();
  }

  /** The language version the id asks for: {@code 3.12}, {@code 20}, {@code 21}. */
  public String version() {
    return minor >= 0 ? major + "." + minor : Integer.toString(major);
  }
}
