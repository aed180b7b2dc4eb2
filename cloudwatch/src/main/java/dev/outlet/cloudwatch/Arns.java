package dev.outlet.cloudwatch;

/**
 * CloudWatch Logs ARNs and the region of a SigV4 credential scope. Pure functions.
 *
 * <p>Outlet does not verify signatures; it reads the region only so that ARNs show the region the
 * client asked for.
 */
final class Arns {

  private static final String GROUP_PART = ":log-group:";

  private Arns() {}

  /** {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME} (DescribeLogGroups' logGroupArn). */
  static String group(LogsRequest req, String name) {
    return "arn:aws:logs:" + req.region() + ":" + req.account() + GROUP_PART + name;
  }

  /** {@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME:log-stream:STREAM}. */
  static String stream(LogsRequest req, String group, String stream) {
    return group(req, group) + ":log-stream:" + stream;
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

  /** The region of {@code Credential=AKID/date/region/service/aws4_request}, or null. */
  static String region(String authorization) {
    if (authorization == null) {
      return null;
    }
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return null;
    }
    int end = authorization.indexOf(',', at);
    String[] scope =
        authorization.substring(at + 11, end < 0 ? authorization.length() : end).trim().split("/");
    return scope.length >= 5 && !scope[2].isEmpty() ? scope[2] : null;
  }
}
