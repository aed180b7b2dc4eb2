package dev.outlet.cloudwatch;

/**
 * A CloudWatch Logs filter pattern, parsed once and matched against many messages. Immutable and
 * thread-safe; {@link #matches} is a pure function of the message.
 *
 * <p>Supported, as CloudWatch reads them (case-sensitive):
 *
 * <ul>
 *   <li>the empty pattern and {@code ""}: every event;
 *   <li>terms and {@code "quoted phrases"}: the message contains all of them;
 *   <li>{@code -term}: the message contains none of them;
 *   <li>{@code ?term}: the message contains at least one of them (with plain terms too: all plain
 *       terms and at least one {@code ?} term);
 *   <li>JSON patterns {@code { SELECTOR OP VALUE }} (see {@link JsonPattern}); they never match a
 *       message that is not a JSON object or array.
 * </ul>
 *
 * Space-delimited ({@code [a, b]}) and regular-expression ({@code %re%}) patterns are not supported
 * and rejected like invalid ones.
 */
public sealed interface FilterPattern permits TermPattern, JsonPattern {

  /** The most characters CloudWatch accepts in a pattern. */
  int MAX_LENGTH = 1024;

  /** Whether {@code message} matches. */
  boolean matches(String message);

  /**
   * Parses {@code pattern}; null or blank matches everything.
   *
   * @throws InvalidPatternException if it is not a supported, well-formed pattern
   */
  static FilterPattern parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      return TermPattern.ALL;
    }
    if (pattern.length() > MAX_LENGTH) {
      throw new InvalidPatternException("longer than " + MAX_LENGTH + " characters");
    }
    String p = pattern.strip();
    return switch (p.charAt(0)) {
      case '{' -> JsonPattern.parse(p);
      case '[' -> throw new InvalidPatternException("space-delimited patterns are not supported");
      case '%' -> throw new InvalidPatternException("regular expressions are not supported");
      default -> TermPattern.parse(p);
    };
  }
}
