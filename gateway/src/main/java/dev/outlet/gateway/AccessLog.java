package dev.outlet.gateway;

import dev.outlet.core.LogSink;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One access-log line per HTTP API request, written to the CloudWatch-style log store: group = the
 * stage's {@code AccessLogSettings.DestinationArn} log group, else {@code
 * /aws/apigateway/<api-id>}; stream = the stage name. The line follows the stage's {@code Format}
 * ({@code $context.*} variables) or, without one, a JSON object with requestId, ip, requestTime,
 * httpMethod, path, routeKey, status, protocol, responseLength, responseLatency and
 * integrationLatency. Never blocks: the sink queues.
 */
final class AccessLog {
  private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z.]+)");

  /** What the data plane learns about one request while it runs (one request's thread chain). */
  static final class Entry {
    final String apiId;
    final Catalog.Stage stage;
    final String requestId;
    final long startedNanos;
    final long startedMillis = System.currentTimeMillis();
    volatile String routeKey = "-";
    volatile long integrationNanos = -1;
    volatile int integrationStatus = -1;

    Entry(String apiId, Catalog.Stage stage, String requestId, long startedNanos) {
      this.apiId = apiId;
      this.stage = stage;
      this.requestId = requestId;
      this.startedNanos = startedNanos;
    }
  }

  private final LogSink sink;

  AccessLog(LogSink sink) {
    this.sink = sink;
  }

  void write(Entry e, HttpServerRequest req, int status, long bytes, LongSupplier nanos) {
    String[] v = {
      "requestId",
      e.requestId,
      "ip",
      req.remoteAddress() == null ? "-" : req.remoteAddress().hostAddress(),
      "requestTime",
      ClfTime.format(e.startedMillis),
      "httpMethod",
      req.method().name(),
      "path",
      req.path(),
      "routeKey",
      e.routeKey,
      "status",
      Integer.toString(status),
      "protocol",
      req.version().alpnName().equals("h2") ? "HTTP/2.0" : "HTTP/1.1",
      "responseLength",
      Long.toString(bytes),
      "responseLatency",
      Long.toString((nanos.getAsLong() - e.startedNanos) / 1_000_000),
      "integrationLatency",
      e.integrationNanos < 0 ? "-" : Long.toString(e.integrationNanos / 1_000_000),
      "integrationStatus",
      e.integrationStatus < 0 ? "-" : Integer.toString(e.integrationStatus)
    };
    String line = e.stage.logFormat() == null ? json(v) : format(e.stage.logFormat(), v, e);
    sink.append(e.stage.logGroup(), e.stage.name(), e.startedMillis, line);
  }

  /** {@code v} holds names and values in turn. */
  static String json(String[] v) {
    StringBuilder b = new StringBuilder(320).append('{');
    for (int i = 0; i < v.length; i += 2) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(v[i]).append("\":\"");
      dev.outlet.core.Json.appendEscaped(b, v[i + 1]).append('"');
    }
    return b.append('}').toString();
  }

  private static String value(String[] v, String name) {
    for (int i = 0; i < v.length; i += 2) {
      if (v[i].equals(name)) {
        return v[i + 1];
      }
    }
    return "-";
  }

  private static String format(String format, String[] v, Entry e) {
    Matcher m = VARIABLE.matcher(format);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value =
          switch (name) {
            case "apiId" -> e.apiId;
            case "stage" -> e.stage.name();
            case "identity.sourceIp" -> value(v, "ip");
            case "integration.latency", "integrationLatency" -> value(v, "integrationLatency");
            case "integration.status", "integrationStatus" -> value(v, "integrationStatus");
            default -> value(v, name);
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
