package dev.outlet.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSONPaths EventBridge targets use ({@code InputPath}, {@code InputPathsMap}): {@code $}, then
 * {@code .name}, {@code ['name']} and {@code [index]} steps. Pure.
 */
final class JsonPaths {
  private JsonPaths() {}

  /** Whether {@code path} is one Outlet evaluates (checked when a target is put). */
  static boolean valid(String path) {
    try {
      eval(path, null);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The node {@code path} names in {@code root}, or null when it names nothing.
   *
   * @throws IllegalArgumentException when {@code path} is not a JSONPath of this form
   */
  static JsonNode eval(String path, JsonNode root) {
    if (path == null || !path.startsWith("$")) {
      throw new IllegalArgumentException("a JSONPath starts with $");
    }
    JsonNode at = root;
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("an empty name in " + path);
        }
        at = at == null ? null : at.get(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("an unclosed [ in " + path);
        }
        String inner = path.substring(i + 1, close);
        if (inner.length() >= 2
            && (inner.startsWith("'") && inner.endsWith("'")
                || inner.startsWith("\"") && inner.endsWith("\""))) {
          at = at == null ? null : at.get(inner.substring(1, inner.length() - 1));
        } else if (inner.matches("\\d{1,9}")) {
          at = at == null ? null : at.get(Integer.parseInt(inner));
        } else {
          throw new IllegalArgumentException("an index that is not a number in " + path);
        }
        i = close + 1;
      } else {
        throw new IllegalArgumentException("an unexpected " + c + " in " + path);
      }
    }
    return at;
  }
}
