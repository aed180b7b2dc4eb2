package dev.outlet.cloudwatch;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern of terms and quoted phrases: every {@code required} one appears in the message, no
 * {@code excluded} one does, and, when there are {@code anyOf} ({@code ?term}) ones, at least one
 * of them does. Matching is case-sensitive substring search. Immutable.
 */
record TermPattern(List<String> required, List<String> excluded, List<String> anyOf)
    implements FilterPattern {

  /** The pattern that matches every message. */
  static final TermPattern ALL = new TermPattern(List.of(), List.of(), List.of());

  TermPattern {
    required = List.copyOf(required);
    excluded = List.copyOf(excluded);
    anyOf = List.copyOf(anyOf);
  }

  @Override
  public boolean matches(String message) {
    for (String term : required) {
      if (!message.contains(term)) {
        return false;
      }
    }
    for (String term : excluded) {
      if (message.contains(term)) {
        return false;
      }
    }
    if (anyOf.isEmpty()) {
      return true;
    }
    for (String term : anyOf) {
      if (message.contains(term)) {
        return true;
      }
    }
    return false;
  }

  /** Reads whitespace-separated terms, each optionally {@code -} or {@code ?} prefixed, quoted. */
  static TermPattern parse(String pattern) {
    List<String> required = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    List<String> anyOf = new ArrayList<>();
    int n = pattern.length();
    int i = 0;
    while (i < n) {
      char c = pattern.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      List<String> into = required;
      if (c == '-' || c == '?') {
        into = c == '-' ? excluded : anyOf;
        i++;
        if (i == n || Character.isWhitespace(pattern.charAt(i))) {
          throw new InvalidPatternException("'" + c + "' without a term");
        }
      }
      StringBuilder term = new StringBuilder();
      i = pattern.charAt(i) == '"' ? quoted(pattern, i, term) : bare(pattern, i, term);
      into.add(term.toString());
    }
    return new TermPattern(required, excluded, anyOf);
  }

  /** Reads {@code "..."} from {@code start} (with {@code \"} and {@code \\}); the index after. */
  private static int quoted(String p, int start, StringBuilder term) {
    for (int i = start + 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        term.append(p.charAt(++i));
      } else if (c == '"') {
        if (i + 1 < p.length() && !Character.isWhitespace(p.charAt(i + 1))) {
          throw new InvalidPatternException("text right after a closing quote");
        }
        return i + 1;
      } else {
        term.append(c);
      }
    }
    throw new InvalidPatternException("unterminated quote");
  }

  private static int bare(String p, int start, StringBuilder term) {
    int i = start;
    while (i < p.length() && !Character.isWhitespace(p.charAt(i))) {
      char c = p.charAt(i);
      if (c == '"' || c == '{' || c == '}') {
        throw new InvalidPatternException("'" + c + "' inside an unquoted term");
      }
      term.append(c);
      i++;
    }
    return i;
  }
}
