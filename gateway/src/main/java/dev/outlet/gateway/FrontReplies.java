package dev.outlet.gateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the data plane's outcomes become responses, with API Gateway's and Lambda's
 * exact bodies: HTTP APIs answer {@code {"message":"..."}} (500 Internal Server Error, 503 Service
 * Unavailable on an integration timeout, 429 Too Many Requests, 404 Not Found, 413, 403 Forbidden,
 * 401 Unauthorized); Function URLs answer 502 {@code Internal Server Error} for a function error
 * and 403 AccessDeniedException for an unknown URL or a refused caller. Internal details never
 * reach the client; they go to Outlet's log.
 */
final class FrontReplies {
  private static final Logger LOG = LoggerFactory.getLogger(FrontReplies.class);

  private FrontReplies() {}

  /**
   * Writes a mapped function response; false (and nothing written) when a header the function
   * returned cannot go on the wire (an invalid name or a value with a line break): the caller then
   * answers its malformed-response error.
   */
  static boolean send(HttpServerResponse res, ProxyResponse p) {
    if (gone(res)) {
      return true;
    }
    try {
      for (Map.Entry<String, String> h : p.headers()) {
        if (h.getKey().equalsIgnoreCase("content-length")
            || h.getKey().equalsIgnoreCase("transfer-encoding")) {
          continue;
        }
        res.headers().add(h.getKey(), h.getValue());
      }
    } catch (IllegalArgumentException e) {
      for (Map.Entry<String, String> h : p.headers()) {
        try {
          res.headers().remove(h.getKey());
        } catch (IllegalArgumentException ignored) {
          // never added
        }
      }
      return false;
    }
    res.setStatusCode(p.status());
    boolean noBody = p.status() == 204 || p.status() == 304 || p.status() < 200;
    res.end(noBody ? Buffer.buffer() : Buffer.buffer(p.body()));
    return true;
  }

  /** An HTTP API error: {@code {"message":"<message>"}}. */
  static void message(HttpServerResponse res, int status, String message, String errorType) {
    if (gone(res)) {
      return;
    }
    res.setStatusCode(status).putHeader("Content-Type", "application/json");
    if (errorType != null) {
      res.putHeader("x-amzn-ErrorType", errorType);
    }
    res.end("{\"message\":" + quoted(message) + "}");
  }

  /** An HTTP API integration or authorizer that failed before answering. */
  static void apiFailure(HttpServerResponse res, Throwable t) {
    if (t instanceof TimeoutException) {
      message(res, 503, "Service Unavailable", null);
    } else if (t instanceof LambdaException e && e.code() == ErrorCode.TOO_MANY_REQUESTS) {
      message(res, 429, "Too Many Requests", null);
    } else {
      if (!(t instanceof ProxyResponse.Malformed) && !(t instanceof IllegalStateException)) {
        LOG.warn("integration failed", t);
      }
      message(res, 500, "Internal Server Error", null);
    }
  }

  /** Function URL: the function failed, timed out or answered something unreadable. */
  static void urlFunctionError(HttpServerResponse res) {
    if (gone(res)) {
      return;
    }
    res.setStatusCode(502)
        .putHeader("Content-Type", "application/json")
        .end("Internal Server Error");
  }

  /** Function URL: unknown URL ({@code message} null) or a refused caller. */
  static void urlForbidden(HttpServerResponse res, String message) {
    if (gone(res)) {
      return;
    }
    res.setStatusCode(403)
        .putHeader("Content-Type", "application/json")
        .putHeader("x-amzn-ErrorType", "AccessDeniedException")
        .end("{\"Message\":" + (message == null ? "null" : quoted(message)) + "}");
  }

  static void urlTooLarge(HttpServerResponse res) {
    if (gone(res)) {
      return;
    }
    res.setStatusCode(413)
        .putHeader("Content-Type", "application/json")
        .putHeader("x-amzn-ErrorType", "RequestEntityTooLargeException")
        .end(
            "{\"message\":\"Request must be smaller than "
                + FrontDoor.URL_BODY_LIMIT
                + " bytes for the InvokeFunction operation\"}");
  }

  /** Function URL: the invocation could not start (throttled) or failed inside Outlet. */
  static void urlFailure(HttpServerResponse res, Throwable t) {
    if (gone(res)) {
      return;
    }
    if (t instanceof LambdaException e && e.code() == ErrorCode.TOO_MANY_REQUESTS) {
      res.setStatusCode(429)
          .putHeader("Content-Type", "application/json")
          .putHeader("x-amzn-ErrorType", "TooManyRequestsException")
          .end("{\"Message\":\"Rate Exceeded.\"}");
      return;
    }
    LOG.warn("function url invocation failed", t);
    urlFunctionError(res);
  }

  static void preflight(HttpServerResponse res, Map<String, String> headers) {
    if (gone(res)) {
      return;
    }
    res.setStatusCode(204);
    headers.forEach(res::putHeader);
    res.end();
  }

  static void internal(HttpServerResponse res, Throwable t) {
    LOG.error("front request failed", t);
    message(res, 500, "Internal Server Error", null);
  }

  /** An API Gateway style request id: 16 base64 characters ending in '='. */
  static String apigwRequestId() {
    byte[] b = new byte[10];
    ThreadLocalRandom.current().nextBytes(b);
    return Base64.getEncoder().encodeToString(b).substring(0, 15) + "=";
  }

  private static boolean gone(HttpServerResponse res) {
    return res.ended() || res.closed();
  }

  /** {@code s} as a JSON string, quotes and control characters escaped. */
  private static String quoted(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
