package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"wildcard": "dir/*.png"}}: the string matches a glob where {@code *} is any run of
 * characters (the empty one too), {@code \*} a literal star and {@code \\} a literal backslash.
 * Matching is greedy over the literal pieces between stars, each found at its leftmost place after
 * the previous one, so it takes time linear in the string per piece and never backtracks.
 *
 * @param pattern the glob as written
 * @param pieces the literal text between stars, escapes resolved; one more than the stars
 */
record Wildcard(String pattern, List<String> pieces) implements Matcher {
  /** Copies {@code pieces}. */
  Wildcard {
    pieces = List.copyOf(pieces);
  }

  /** Parses {@code pattern}; refuses consecutive stars and a backslash before anything else. */
  static Wildcard of(String pattern) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        if (next != '*' && next != '\\') {
          throw new InvalidEventPatternException(
              "Wildcard pattern has an invalid escape at position " + i + ": " + pattern);
        }
        piece.append(next);
        i++;
      } else if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          throw new InvalidEventPatternException(
              "Consecutive wildcard characters at pos " + i + " in wildcard pattern: " + pattern);
        }
        pieces.add(piece.toString());
        piece.setLength(0);
      } else {
        piece.append(c);
      }
    }
    pieces.add(piece.toString());
    return new Wildcard(pattern, pieces);
  }

  @Override
  public boolean matches(JsonNode value) {
    return value.isTextual() && matches(value.textValue());
  }

  /** Whether {@code s} matches the glob. */
  boolean matches(String s) {
    String first = pieces.get(0);
    if (pieces.size() == 1) {
      return s.equals(first);
    }
    String last = pieces.get(pieces.size() - 1);
    if (!s.startsWith(first) || s.length() - last.length() < first.length()) {
      return false;
    }
    int at = first.length();
    int end = s.length() - last.length();
    for (int i = 1; i < pieces.size() - 1; i++) {
      String middle = pieces.get(i);
      int found = s.indexOf(middle, at);
      if (found < 0 || found + middle.length() > end) {
        return false;
      }
      at = found + middle.length();
    }
    return s.startsWith(last, end);
  }
}
