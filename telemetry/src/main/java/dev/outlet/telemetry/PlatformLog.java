package dev.outlet.telemetry;

import dev.outlet.core.Json;
import dev.outlet.core.LoggingConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The platform's lines for one function, in the format its LoggingConfig asks for: Lambda's text
 * lines ({@link PlatformLines}), or with {@code LogFormat: JSON} the events Lambda writes instead
 * ({@code {"time":...,"type":"platform.report","record":{...}}}, the Telemetry API's shapes),
 * filtered by {@code SystemLogLevel} (Lambda's platform events are INFO: {@code WARN} keeps none).
 * A method returns null for a line that is not written. Immutable and thread-safe.
 */
public final class PlatformLog {
  private static final PlatformLog TEXT = new PlatformLog(false, false);
  private static final PlatformLog JSON = new PlatformLog(true, false);
  private static final PlatformLog JSON_QUIET = new PlatformLog(true, true);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final boolean json;
  private final boolean quiet;

  private PlatformLog(boolean json, boolean quiet) {
    this.json = json;
    this.quiet = quiet;
  }

  public static PlatformLog of(LoggingConfig logging) {
    if (!logging.json()) {
      return TEXT;
    }
    return "WARN".equals(logging.systemLogLevel()) ? JSON_QUIET : JSON;
  }

  /** INIT_START, or {@code platform.initStart}. */
  public String initStart(String runtimeVersion, String arn, String functionName, String version) {
    if (!json) {
      return PlatformLines.initStart(runtimeVersion, arn);
    }
    if (quiet) {
      return null;
    }
    return event("platform.initStart")
        .append("\"initializationType\":\"on-demand\",\"phase\":\"init\",\"runtimeVersion\":\"")
        .append(Json.escape(runtimeVersion))
        .append("\",\"runtimeVersionArn\":\"")
        .append(arn)
        .append("\",\"functionName\":\"")
        .append(functionName)
        .append("\",\"functionVersion\":\"")
        .append(version)
        .append("\"}}")
        .toString();
  }

  /** START, or {@code platform.start}. */
  public String start(String requestId, String version) {
    if (!json) {
      return PlatformLines.start(requestId, version);
    }
    if (quiet) {
      return null;
    }
    return event("platform.start")
        .append("\"requestId\":\"")
        .append(requestId)
        .append("\",\"version\":\"")
        .append(version)
        .append("\"}}")
        .toString();
  }

  /**
   * The platform's error line ({@code RequestId: ... Error: ...}); with JSON the error is part of
   * the report instead.
   */
  public String error(String requestId, String message, String errorType) {
    return json ? null : PlatformLines.error(requestId, message, errorType);
  }

  /**
   * END, or {@code platform.runtimeDone}.
   *
   * @param status null on success, {@code timeout} or {@code error}
   */
  public String end(String requestId, String status, double durationMillis) {
    if (!json) {
      return PlatformLines.end(requestId);
    }
    if (quiet) {
      return null;
    }
    return event("platform.runtimeDone")
        .append("\"requestId\":\"")
        .append(requestId)
        .append("\",\"status\":\"")
        .append(status == null ? "success" : status)
        .append("\",\"metrics\":{\"durationMs\":")
        .append(PlatformLines.millis(durationMillis))
        .append("}}}")
        .toString();
  }

  /** REPORT, or {@code platform.report} (see {@link PlatformLines#report}). */
  public String report(
      String requestId,
      double durationMillis,
      long billedMillis,
      int memorySizeMb,
      long maxMemoryUsedMb,
      double initMillis,
      String status,
      String errorType) {
    if (!json) {
      return PlatformLines.report(
          requestId,
          durationMillis,
          billedMillis,
          memorySizeMb,
          maxMemoryUsedMb,
          initMillis,
          status,
          errorType);
    }
    if (quiet) {
      return null;
    }
    StringBuilder b =
        event("platform.report")
            .append("\"requestId\":\"")
            .append(requestId)
            .append("\",\"metrics\":{\"durationMs\":")
            .append(PlatformLines.millis(durationMillis))
            .append(",\"billedDurationMs\":")
            .append(billedMillis)
            .append(",\"memorySizeMB\":")
            .append(memorySizeMb)
            .append(",\"maxMemoryUsedMB\":")
            .append(maxMemoryUsedMb);
    if (initMillis >= 0) {
      b.append(",\"initDurationMs\":").append(PlatformLines.millis(initMillis));
    }
    b.append("},\"status\":\"").append(status == null ? "success" : status).append('"');
    if (errorType != null) {
      b.append(",\"errorType\":\"");
      Json.appendEscaped(b, errorType).append('"');
    }
    return b.append("}}").toString();
  }

  /** INIT_REPORT, or {@code platform.initReport}. */
  public String initReport(double initMillis, String phase, String status, String errorType) {
    if (!json) {
      return PlatformLines.initReport(initMillis, phase, status, errorType);
    }
    if (quiet) {
      return null;
    }
    StringBuilder b =
        event("platform.initReport")
            .append("\"initializationType\":\"on-demand\",\"phase\":\"")
            .append(phase)
            .append("\",\"status\":\"")
            .append(status)
            .append('"');
    if (errorType != null) {
      b.append(",\"errorType\":\"");
      Json.appendEscaped(b, errorType).append('"');
    }
    return b.append(",\"metrics\":{\"durationMs\":")
        .append(PlatformLines.millis(initMillis))
        .append("}}}")
        .toString();
  }

  /** The full JSON form, as the Telemetry API delivers platform events. */
  public static PlatformLog telemetry() {
    return JSON;
  }

  /**
   * {@code EXTENSION Name: ... State: Ready Events: [...]}, or {@code platform.extension}: an
   * extension finished its init.
   */
  public String extension(String name, java.util.List<String> events) {
    if (!json) {
      return "EXTENSION\tName: "
          + name
          + "\tState: Ready\tEvents: ["
          + String.join(",", events)
          + "]";
    }
    if (quiet) {
      return null;
    }
    return named("platform.extension", name, "Ready", "events", events);
  }

  /**
   * {@code TELEMETRY Name: ... State: Subscribed Types: [...]}, or {@code
   * platform.telemetrySubscription}.
   */
  public String telemetrySubscription(String name, java.util.List<String> types) {
    return subscription(name, types, false);
  }

  /**
   * {@code TELEMETRY} (or, for the Logs API, {@code LOGS}) {@code Name: ... State: Subscribed
   * Types: [...]}, or {@code platform.telemetrySubscription} ({@code platform.logsSubscription}).
   */
  public String subscription(String name, java.util.List<String> types, boolean logsApi) {
    if (!json) {
      java.util.List<String> shown = new java.util.ArrayList<>();
      for (String t : types) {
        shown.add(t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1));
      }
      return (logsApi ? "LOGS" : "TELEMETRY")
          + "\tName: "
          + name
          + "\tState: Subscribed\tTypes: ["
          + String.join(", ", shown)
          + "]";
    }
    if (quiet) {
      return null;
    }
    return named(
        logsApi ? "platform.logsSubscription" : "platform.telemetrySubscription",
        name,
        "Subscribed",
        "types",
        types);
  }

  /** {@code {"name":...,"state":...,"<member>":[...]}} events of extensions. */
  private String named(
      String type, String name, String state, String member, java.util.List<String> values) {
    StringBuilder b = event(type).append("\"name\":\"");
    Json.appendEscaped(b, name)
        .append("\",\"state\":\"")
        .append(state)
        .append("\",\"")
        .append(member)
        .append("\":[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "\"" : ",\"").append(values.get(i)).append('"');
    }
    return b.append("]}}").toString();
  }

  /** {@code platform.initRuntimeDone} (no text line: the text log has none). */
  public String initRuntimeDone(String status) {
    if (!json || quiet) {
      return null;
    }
    return event("platform.initRuntimeDone")
        .append("\"initializationType\":\"on-demand\",\"phase\":\"init\",\"status\":\"")
        .append(status)
        .append("\"}}")
        .toString();
  }

  private StringBuilder event(String type) {
    return new StringBuilder(256)
        .append("{\"time\":\"")
        .append(TIME.format(Instant.ofEpochMilli(System.currentTimeMillis())))
        .append("\",\"type\":\"")
        .append(type)
        .append("\",\"record\":{");
  }
}
