package dev.outlet.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Logs API's (2020-08-15) view of a Telemetry API event: the same envelope and records for the
 * events it knows, {@code platform.end} for {@code platform.runtimeDone}, nothing for the init
 * events it never sent. Pure.
 */
final class LogsApiSchema {
  private static final Pattern TYPE = Pattern.compile("\"type\":\"(platform\\.[A-Za-z]+)\"");
  private static final Pattern REQUEST = Pattern.compile("\"requestId\":\"([^\"]*)\"");
  private static final Pattern TIME = Pattern.compile("^\\{\"time\":\"([^\"]*)\"");

  private LogsApiSchema() {}

  /** The event for a Logs API subscriber, or null when that API has none for it. */
  static String of(String telemetryEvent) {
    Matcher type = TYPE.matcher(telemetryEvent);
    if (!type.find()) {
      return telemetryEvent; // a function line
    }
    return switch (type.group(1)) {
      case "platform.initStart", "platform.initRuntimeDone", "platform.initReport" -> null;
      case "platform.runtimeDone" -> end(telemetryEvent);
      default -> telemetryEvent;
    };
  }

  private static String end(String event) {
    Matcher time = TIME.matcher(event);
    Matcher request = REQUEST.matcher(event);
    if (!time.find() || !request.find()) {
      return null;
    }
    return "{\"time\":\""
        + time.group(1)
        + "\",\"type\":\"platform.end\",\"record\":{\"requestId\":\""
        + request.group(1)
        + "\"}}";
  }
}
