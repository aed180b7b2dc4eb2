package dev.outlet.iam.policy;

/**
 * Whether one statement applies to a request: its action, resource, principal (resource-based
 * statements only) and every condition match. The cheap tests come first, so most statements are
 * ruled out by the action alone. Actions match case-insensitively, resources case-sensitively
 * ({@link Arns}), both with wildcards; a {@code Not...} element matches what none of its patterns
 * match.
 */
final class StatementMatcher {
  private StatementMatcher() {}

  static boolean applies(
      Statement statement, PolicyDocument document, Request request, boolean checkPrincipal) {
    if (!actionMatches(statement.actions(), request.action())) {
      return false;
    }
    boolean variables = document.replacesVariables();
    if (!resourceMatches(statement.resources(), request, variables)) {
      return false;
    }
    if (checkPrincipal
        && !statement
            .principals()
            .map(p -> PrincipalMatcher.matches(p, request.principal()))
            .orElse(false)) {
      return false;
    }
    for (Condition condition : statement.conditions()) {
      if (!ConditionEvaluator.holds(condition, request, variables)) {
        return false;
      }
    }
    return true;
  }

  private static boolean actionMatches(Element actions, String action) {
    for (String pattern : actions.values()) {
      if (Glob.matches(pattern, action, true)) {
        return !actions.negated();
      }
    }
    return actions.negated();
  }

  private static boolean resourceMatches(Element resources, Request request, boolean variables) {
    for (String written : resources.values()) {
      String pattern = variables ? PolicyVariables.resolve(written, request) : written;
      if (pattern != null && Arns.matches(pattern, request.resource())) {
        return !resources.negated();
      }
    }
    return resources.negated();
  }
}
