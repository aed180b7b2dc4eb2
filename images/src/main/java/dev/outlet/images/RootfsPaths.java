package dev.outlet.images;

import java.util.ArrayList;
import java.util.List;

/** Which tar entry names (and hard link targets) stay inside the root. Pure. */
final class RootfsPaths {
  /** PATH_MAX: a longer name or link target cannot be a real one. */
  static final int MAX_NAME = 4096;

  private RootfsPaths() {}

  /**
   * The segments of {@code name}, {@code ./} and empty segments dropped.
   *
   * @return null when the name is absolute, climbs with {@code ..}, holds a NUL or is too long: the
   *     caller refuses it with its own message
   */
  static List<String> segments(String name) {
    if (name.isEmpty()
        || name.length() > MAX_NAME
        || name.indexOf('\0') >= 0
        || name.startsWith("/")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return null;
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        out.add(segment);
      }
    }
    return out;
  }
}
