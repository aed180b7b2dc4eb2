package dev.outlet.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EventBridge API subset over HTTP: AWS JSON 1.1, {@code POST /} with {@code X-Amz-Target:
 * AWSEvents.<Operation>} (and Outlet's own {@code OutletEvents.ListSchedules}).
 *
 * <p>Contract: the event loop only collects the body (at most 256 KB) and hands it to the blocking
 * executor, which runs the operation and answers; every request gets exactly one response; errors
 * become {@code {"__type":..., "message":...}} with {@code x-amzn-ErrorType} here and only here,
 * and a fault that is not an {@link EventsException} is logged and answered with a fixed message.
 * Thread-safe.
 */
public final class EventsApi implements Handler<HttpServerRequest> {
  public static final String TARGET_PREFIX = "AWSEvents.";
  public static final String OUTLET_PREFIX = "OutletEvents.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final int MAX_BODY = 256 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(EventsApi.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");

  private final EventsOperations operations;
  private final ExecutorService blocking;
  private final String defaultRegion;

  EventsApi(EventsOperations operations, ExecutorService blocking, String defaultRegion) {
    this.operations = operations;
    this.blocking = blocking;
    this.defaultRegion = defaultRegion;
  }

  /** Whether {@code req} is an EventBridge request (by its {@code X-Amz-Target}). */
  public static boolean accepts(HttpServerRequest req) {
    String target = req.getHeader("X-Amz-Target");
    return target != null && (target.startsWith(TARGET_PREFIX) || target.startsWith(OUTLET_PREFIX));
  }

  @Override
  public void handle(HttpServerRequest req) {
    String requestId = UUID.randomUUID().toString();
    String target = req.getHeader("X-Amz-Target");
    String name = target.substring(target.indexOf('.') + 1);
    if (target.startsWith(OUTLET_PREFIX) && !name.equals("ListSchedules")
        || target.startsWith(TARGET_PREFIX) && name.equals("ListSchedules")
        || req.method() != HttpMethod.POST) {
      req.handler(b -> {}).endHandler(v -> {});
      send(req.response(), requestId, EventsException.unknownOperation(name));
      return;
    }
    String region = region(req.getHeader("Authorization"));
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    req.handler(
        chunk -> {
          if (!over[0] && body.length() + chunk.length() > MAX_BODY) {
            over[0] = true;
            send(
                req.response(),
                requestId,
                EventsException.validation("The request must be smaller than 256 KB."));
          } else if (!over[0]) {
            body.appendBuffer(chunk);
          }
        });
    req.endHandler(
        v -> {
          if (over[0]) {
            return;
          }
          try {
            blocking.execute(() -> run(req.response(), requestId, name, body, region));
          } catch (RejectedExecutionException e) {
            send(req.response(), requestId, e);
          }
        });
  }

  private void run(
      HttpServerResponse res, String requestId, String name, Buffer body, String region) {
    try {
      ObjectNode reply = operations.handle(name, parse(body), region);
      res.setStatusCode(200)
          .putHeader("Content-Type", CONTENT_TYPE)
          .putHeader("x-amzn-RequestId", requestId)
          .end(MAPPER.writeValueAsString(reply));
    } catch (Exception e) {
      send(res, requestId, e);
    }
  }

  private static JsonNode parse(Buffer body) {
    if (body.length() == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode tree = MAPPER.readTree(body.getBytes());
      if (tree == null || !tree.isObject()) {
        throw EventsException.serialization("The request body must be a JSON object.");
      }
      return tree;
    } catch (IOException e) {
      throw EventsException.serialization("The request body is not valid JSON.");
    }
  }

  private String region(String authorization) {
    if (authorization != null) {
      Matcher m = SCOPE.matcher(authorization);
      if (m.find()) {
        return m.group(1);
      }
    }
    return defaultRegion;
  }

  /** The one place failures become responses. */
  static void send(HttpServerResponse res, String requestId, Throwable failure) {
    EventsException e;
    if (failure instanceof EventsException ee) {
      e = ee;
    } else {
      LOG.error("EventBridge request {} failed", requestId, failure);
      e = new EventsException("InternalException", 500, "An internal error occurred.");
    }
    if (res.ended() || res.closed()) {
      return;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", e.code());
    body.put("message", e.getMessage());
    res.setStatusCode(e.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("x-amzn-RequestId", requestId)
        .putHeader("x-amzn-ErrorType", e.code())
        .end(body.toString());
  }
}
