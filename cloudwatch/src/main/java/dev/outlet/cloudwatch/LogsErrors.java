package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become CloudWatch Logs responses: the status, the code both in
 * {@code x-amzn-ErrorType} (read by the SDK for Java) and as {@code __type} in the body (read by
 * botocore), and the message. Anything but a {@link LogsException} is a platform fault: logged here
 * with its details, answered with a fixed message.
 */
final class LogsErrors {

  private static final Logger LOG = LoggerFactory.getLogger(LogsErrors.class);

  private LogsErrors() {}

  static void send(HttpServerResponse res, String requestId, String operation, Throwable failure) {
    LogsException e;
    if (failure instanceof LogsException le) {
      e = le;
    } else {
      LOG.error("CloudWatch Logs {} request {} failed", operation, requestId, failure);
      e = LogsException.unavailable();
    }
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(e.status())
        .putHeader("Content-Type", LogsApi.CONTENT_TYPE)
        .putHeader("x-amzn-RequestId", requestId)
        .putHeader("x-amzn-ErrorType", e.code())
        .end(body(e));
  }

  static String body(LogsException e) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", e.code());
    body.put("message", e.getMessage());
    return body.toString();
  }
}
