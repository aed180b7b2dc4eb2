package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"wildcard": "dir/*.png"}}: the string matches a glob where {@code *} is any run of
 * characters (the empty one too), {@code \*} a literal star and {@code \\} a literal backslash.
 * Matching is greedy over the literal pieces between stars, each found at its leftmost place after
 * the previous one (which is correct for globs with only {@code *}), so it never backtracks and
 * takes time about linear in the string and the pattern.
 *
 * @param pattern the glob as written
 * @param pieces the literal text between stars, escapes resolved; one more than the stars
 */
record Wildcard(String pattern, List<String> pieces) implements Matcher {
  /** Pieces up to this long are searched with {@link String#indexOf}. */
  private static final int SHORT = 16;

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
      int found = find(s, middle, at, end);
      if (found < 0) {
        return false;
      }
      at = found + middle.length();
    }
    return s.startsWith(last, end);
  }

  /**
   * Where {@code piece} first occurs wholly within {@code s[from, limit)}, or -1: {@link
   * String#indexOf} for short pieces (at most {@value #SHORT} characters compared per position),
   * Knuth-Morris-Pratt for longer ones so that a long near miss costs linear time, not the product
   * of the lengths.
   */
  static int find(String s, String piece, int from, int limit) {
    int m = piece.length();
    if (m <= SHORT) {
      int found = s.indexOf(piece, from);
      return found >= 0 && found + m <= limit ? found : -1;
    }
    int[] border = new int[m];
    for (int i = 1, k = 0; i < m; i++) {
      while (k > 0 && piece.charAt(i) != piece.charAt(k)) {
        k = border[k - 1];
      }
      if (piece.charAt(i) == piece.charAt(k)) {
        k++;
      }
      border[i] = k;
    }
    for (int i = from, k = 0; i < limit; i++) {
      while (k > 0 && s.charAt(i) != piece.charAt(k)) {
        k = border[k - 1];
      }
      if (s.charAt(i) == piece.charAt(k)) {
        k++;
      }
      if (k == m) {
        return i - m + 1;
      }
    }
    return -1;
  }
}
