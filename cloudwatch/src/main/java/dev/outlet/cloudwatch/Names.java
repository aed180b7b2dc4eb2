package dev.outlet.cloudwatch;

import java.util.regex.Pattern;

/** CloudWatch's constraints on the names of created groups and streams. Pure functions. */
final class Names {

  private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
  private static final Pattern STREAM = Pattern.compile("[^:*]{1,512}");

  private Names() {}

  static String group(LogsRequest req) {
    String name = req.required("logGroupName");
    if (!GROUP.matcher(name).matches()) {
      throw LogsRequest.invalidValue(
          name,
          "logGroupName",
          "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }
    return name;
  }

  static String stream(LogsRequest req) {
    String name = req.required("logStreamName");
    if (!STREAM.matcher(name).matches()) {
      throw LogsRequest.invalidValue(
          name, "logStreamName", "Member must satisfy regular expression pattern: [^:*]*");
    }
    return name;
  }
}
