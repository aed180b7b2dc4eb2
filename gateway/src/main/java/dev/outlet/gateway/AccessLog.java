package dev.outlet.gateway;

import dev.outlet.core.LogSink;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
    Map<String, String> v = new LinkedHashMap<>();
    v.put("requestId", e.requestId);
    v.put("ip", req.remoteAddress() == null ? "-" : req.remoteAddress().hostAddress());
    v.put("requestTime", Events.CLF.format(Instant.ofEpochMilli(e.startedMillis)));
    v.put("httpMethod", req.method().name());
    v.put("path", req.path());
    v.put("routeKey", e.routeKey);
    v.put("status", Integer.toString(status));
    v.put("protocol", req.version().alpnName().equals("h2") ? "HTTP/2.0" : "HTTP/1.1");
    v.put("responseLength", Long.toString(bytes));
    v.put("responseLatency", Long.toString((nanos.getAsLong() - e.startedNanos) / 1_000_000));
    v.put(
        "integrationLatency",
        e.integrationNanos < 0 ? "-" : Long.toString(e.integrationNanos / 1_000_000));
    v.put(
        "integrationStatus", e.integrationStatus < 0 ? "-" : Integer.toString(e.integrationStatus));
    String line = e.stage.logFormat() == null ? json(v) : format(e.stage.logFormat(), v, e);
    sink.append(e.stage.logGroup(), e.stage.name(), e.startedMillis, line);
  }

  private static String json(Map<String, String> v) {
    StringBuilder b = new StringBuilder(256).append('{');
    v.forEach(
        (k, x) -> {
          if (b.length() > 1) {
            b.append(',');
          }
          b.append('"')
              .append(k)
              .append("\":\"")
              .append(dev.outlet.sandbox.Json.escape(x))
              .append('"');
        });
    return b.append('}').toString();
  }

  private static String format(String format, Map<String, String> v, Entry e) {
    Matcher m = VARIABLE.matcher(format);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value =
          switch (name) {
            case "apiId" -> e.apiId;
            case "stage" -> e.stage.name();
            case "identity.sourceIp" -> v.get("ip");
            case "integration.latency", "integrationLatency" -> v.get("integrationLatency");
            case "integration.status", "integrationStatus" -> v.get("integrationStatus");
            default -> v.getOrDefault(name, "-");
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
