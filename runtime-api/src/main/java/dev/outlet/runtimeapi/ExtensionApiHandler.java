package dev.outlet.runtimeapi;

import dev.outlet.core.Json;
import dev.outlet.edge.CappedBody;
import dev.outlet.sandbox.Extensions;
import dev.outlet.sandbox.Sandbox;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Extensions API ({@code /2020-01-01/extension/...}) and the Telemetry and Logs APIs' subscribe
 * calls of one sandbox, on the sandbox's Runtime API listener, as on Lambda. Bodies are small JSON
 * objects, read with a cap; the sandbox's {@link Extensions} and {@code TelemetryHub} decide.
 */
final class ExtensionApiHandler {
  static final String EXTENSION = "/2020-01-01/extension/";
  static final String TELEMETRY = "/2022-07-01/telemetry";
  static final String LOGS = "/2020-08-15/logs";

  /** Register and subscribe bodies are a few hundred bytes. */
  static final int MAX_BODY = 64 * 1024;

  static final String ID = "Lambda-Extension-Identifier";
  private static final Buffer OK = Buffer.buffer("{\"status\":\"OK\"}");

  private final Sandbox sandbox;

  ExtensionApiHandler(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Whether this handler serves {@code path}. */
  static boolean serves(String path) {
    return path.startsWith(EXTENSION) || path.equals(TELEMETRY) || path.equals(LOGS);
  }

  void handle(HttpServerRequest req) {
    String path = req.path();
    HttpMethod method = req.method();
    if (path.equals(TELEMETRY) || path.equals(LOGS)) {
      if (method == HttpMethod.PUT) {
        body(req, b -> subscribe(req, b, path.equals(LOGS)));
        return;
      }
    } else {
      String action = path.substring(EXTENSION.length());
      if (action.equals("register") && method == HttpMethod.POST) {
        body(req, b -> register(req, b));
        return;
      }
      if (action.equals("event/next") && method == HttpMethod.GET) {
        next(req);
        return;
      }
      if (action.equals("init/error") && method == HttpMethod.POST) {
        body(req, b -> initError(req, b));
        return;
      }
      if (action.equals("exit/error") && method == HttpMethod.POST) {
        body(req, b -> reply(req.response(), sandbox.extensions().exitError(req.getHeader(ID))));
        return;
      }
    }
    error(req.response(), 404, "InvalidRequest", "Outlet does not serve " + method + " " + path);
  }

  private static void body(HttpServerRequest req, java.util.function.Consumer<String> then) {
    CappedBody.collect(
        req,
        MAX_BODY,
        b -> then.accept(b.toString()),
        () ->
            error(
                req.response(),
                413,
                "RequestEntityTooLarge",
                "Exceeded maximum allowed payload size (" + MAX_BODY + " bytes)."));
  }

  private void register(HttpServerRequest req, String body) {
    List<String> events;
    try {
      events = RegisterBody.events(body);
    } catch (IllegalArgumentException e) {
      error(req.response(), 403, "InvalidRequestFormat", e.getMessage());
      return;
    }
    Extensions.Reply reply =
        sandbox.extensions().register(req.getHeader("Lambda-Extension-Name"), events);
    if (reply instanceof Extensions.Reply.Registered r) {
      var spec = sandbox.spec();
      req.response()
          .putHeader(ID, r.id())
          .putHeader("Content-Type", "application/json")
          .setStatusCode(200)
          .end(
              "{\"functionName\":\""
                  + Json.escape(spec.functionName())
                  + "\",\"functionVersion\":\""
                  + Json.escape(spec.version())
                  + "\",\"handler\":\""
                  + Json.escape(spec.handler() == null ? "" : spec.handler())
                  + "\"}");
      return;
    }
    reply(req.response(), reply);
  }

  private void next(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    Extensions.Reply.Refused refused =
        sandbox
            .extensions()
            .next(
                req.getHeader(ID),
                event -> {
                  if (res.ended() || res.closed()) {
                    return;
                  }
                  res.putHeader("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString())
                      .putHeader("Content-Type", "application/json")
                      .setStatusCode(200)
                      .end(Buffer.buffer(event));
                });
    if (refused != null) {
      reply(res, refused);
    }
  }

  private void initError(HttpServerRequest req, String body) {
    String type = req.getHeader("Lambda-Extension-Function-Error-Type");
    String message = RegisterBody.message(body);
    Extensions.Reply reply =
        sandbox
            .extensions()
            .initError(
                req.getHeader(ID),
                errorType ->
                    sandbox.initError(
                        ("{\"errorMessage\":\""
                                + Json.escape(message)
                                + "\",\"errorType\":\""
                                + Json.escape(errorType)
                                + "\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        errorType),
                ErrorTypes.ofExtension(type));
    reply(req.response(), reply);
  }

  private void subscribe(HttpServerRequest req, String body, boolean logsApi) {
    String id = req.getHeader(ID);
    String name = sandbox.extensions().nameOf(id);
    if (name == null) {
      error(
          req.response(),
          403,
          "Extension.UnknownExtensionIdentifier",
          "Unknown extension " + (id == null ? "" : id));
      return;
    }
    SubscribeBody.Parsed parsed = SubscribeBody.parse(name, body, logsApi);
    switch (parsed) {
      case SubscribeBody.Parsed.Valid v -> {
        sandbox.subscribed(v.subscription());
        req.response().setStatusCode(200).putHeader("Content-Type", "text/plain").end("OK");
      }
      case SubscribeBody.Parsed.Invalid i ->
          error(req.response(), 400, "ValidationError", i.message());
    }
  }

  private static void reply(HttpServerResponse res, Extensions.Reply reply) {
    switch (reply) {
      case Extensions.Reply.Accepted a ->
          res.putHeader("Content-Type", "application/json").setStatusCode(202).end(OK);
      case Extensions.Reply.Refused r -> error(res, r.status(), r.errorType(), r.message());
      case Extensions.Reply.Registered r -> throw new IllegalStateException("rendered apart");
    }
  }

  private static void error(HttpServerResponse res, int status, String type, String message) {
    if (res.ended()) {
      return;
    }
    res.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(ErrorBody.of(type, message));
  }

  /** {@code {"events":["INVOKE","SHUTDOWN"]}}, and the error bodies extensions post. */
  static final class RegisterBody {
    private RegisterBody() {}

    /** The {@code errorMessage} of an extension's error body, or a generic one. */
    static String message(String body) {
      try {
        Object m = new io.vertx.core.json.JsonObject(body).getValue("errorMessage");
        if (m instanceof String s && !s.isEmpty()) {
          return s;
        }
      } catch (RuntimeException e) {
        // not JSON: the generic message
      }
      return "the extension failed its init";
    }

    static List<String> events(String body) {
      io.vertx.core.json.JsonObject json;
      try {
        json = new io.vertx.core.json.JsonObject(body.isBlank() ? "{}" : body);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid character in the register request's JSON body");
      }
      Object events = json.getValue("events");
      List<String> out = new ArrayList<>();
      if (events == null) {
        return out;
      }
      if (!(events instanceof io.vertx.core.json.JsonArray array)) {
        throw new IllegalArgumentException("events must be an array of strings");
      }
      for (Object e : array) {
        if (!(e instanceof String s)) {
          throw new IllegalArgumentException("events must be an array of strings");
        }
        out.add(s);
      }
      if (json.containsKey("configurationKeys")) {
        throw new IllegalArgumentException(
            "configurationKeys are deprecated; use environment variables instead");
      }
      return out;
    }
  }
}
