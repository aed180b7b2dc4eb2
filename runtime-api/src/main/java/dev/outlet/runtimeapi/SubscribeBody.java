package dev.outlet.runtimeapi;

import dev.outlet.sandbox.TelemetryHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a Telemetry API ({@code PUT /2022-07-01/telemetry}) or Logs API ({@code PUT
 * /2020-08-15/logs}) subscription with AWS's rules: an HTTP destination on the sandbox's own host
 * ({@code sandbox.localdomain}, as Lambda's documentation writes it, or {@code sandbox}, {@code
 * localhost}, {@code 127.0.0.1}), types among {@code platform}, {@code function} and {@code
 * extension}, buffering within AWS's bounds. Pure.
 */
final class SubscribeBody {
  static final Set<String> TYPES = Set.of("platform", "function", "extension");
  static final Set<String> HOSTS =
      Set.of("sandbox.localdomain", "sandbox", "localhost", "127.0.0.1");

  private SubscribeBody() {}

  sealed interface Parsed {
    record Valid(TelemetryHub.Subscription subscription) implements Parsed {}

    record Invalid(String message) implements Parsed {}
  }

  static Parsed parse(String extension, String body, boolean logsApi) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (RuntimeException e) {
      return new Parsed.Invalid("The request body is not valid JSON");
    }
    try {
      return read(extension, json, logsApi);
    } catch (ClassCastException e) {
      return new Parsed.Invalid("The request body has a member of the wrong type");
    }
  }

  private static Parsed read(String extension, JsonObject json, boolean logsApi) {
    JsonObject destination = json.getJsonObject("destination");
    if (destination == null) {
      return new Parsed.Invalid("destination is required");
    }
    String protocol = destination.getString("protocol");
    if (!"HTTP".equals(protocol)) {
      return new Parsed.Invalid(
          protocol == null || !protocol.equals("TCP")
              ? "destination.protocol must be HTTP or TCP"
              : "destination.protocol TCP is not supported by Outlet: subscribe with HTTP");
    }
    String uri = destination.getString("URI");
    if (uri == null) {
      return new Parsed.Invalid("destination.URI is required");
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return new Parsed.Invalid("destination.URI is not a valid URI: " + uri);
    }
    if (!"http".equals(parsed.getScheme())
        || parsed.getHost() == null
        || !HOSTS.contains(parsed.getHost())
        || parsed.getPort() <= 0) {
      return new Parsed.Invalid(
          "destination.URI must be http://sandbox.localdomain:PORT/... (a listener in the"
              + " sandbox): "
              + uri);
    }
    JsonArray types = json.getJsonArray("types");
    if (types == null || types.isEmpty()) {
      return new Parsed.Invalid("types is required: one or more of platform, function, extension");
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (Object t : types) {
      if (!(t instanceof String s) || !TYPES.contains(s)) {
        return new Parsed.Invalid("types must be among platform, function, extension; found " + t);
      }
      kinds.add(s);
    }
    JsonObject buffering = json.getJsonObject("buffering", new JsonObject());
    int maxItems = buffering.getInteger("maxItems", logsApi ? 10_000 : 1_000);
    int maxBytes = buffering.getInteger("maxBytes", 262_144);
    int timeoutMs = buffering.getInteger("timeoutMs", 1_000);
    if (maxItems < 25 || maxItems > 10_000) {
      return new Parsed.Invalid("buffering.maxItems must be between 25 and 10000");
    }
    if (maxBytes < 262_144 || maxBytes > 1_048_576) {
      return new Parsed.Invalid("buffering.maxBytes must be between 262144 and 1048576");
    }
    if (timeoutMs < 25 || timeoutMs > 30_000) {
      return new Parsed.Invalid("buffering.timeoutMs must be between 25 and 30000");
    }
    String path =
        parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
    if (parsed.getRawQuery() != null) {
      path += "?" + parsed.getRawQuery();
    }
    return new Parsed.Valid(
        new TelemetryHub.Subscription(
            extension,
            logsApi ? TelemetryHub.Api.LOGS : TelemetryHub.Api.TELEMETRY,
            parsed.getPort(),
            path,
            java.util.Collections.unmodifiableSet(kinds),
            maxItems,
            maxBytes,
            timeoutMs));
  }
}
