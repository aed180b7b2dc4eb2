package dev.outlet.cloudwatch;

/** CloudWatch Logs ARNs. Pure functions. */
final class Arns {

  private static final String GROUP_PART = ":log-group:";

  private Arns() {}

  /** {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME} (DescribeLogGroups' logGroupArn). */
  static String group(Scope scope, String name) {
    return "arn:aws:logs:" + scope.region() + ":" + scope.account() + GROUP_PART + name;
  }

  /** {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME:log-stream:STREAM}. */
  static String stream(Scope scope, String group, String stream) {
    return group(scope, group) + ":log-stream:" + stream;
  }

  /** The group name in a {@code logGroupIdentifier}: the name itself, or the one in an ARN. */
  static String groupOf(String identifier) {
    if (!identifier.startsWith("arn:")) {
      return identifier;
    }
    int at = identifier.indexOf(GROUP_PART);
    if (at < 0) {
      throw LogsException.invalid("Invalid log group identifier: " + identifier);
    }
    String name = identifier.substring(at + GROUP_PART.length());
    return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
  }
}
