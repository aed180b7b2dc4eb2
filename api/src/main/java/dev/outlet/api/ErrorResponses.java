package dev.outlet.api;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become Lambda API responses: status, {@code x-amzn-ErrorType}, and a
 * body with AWS's member casing (lambda-contract.md §2.2). Anything that is not a {@link
 * LambdaException} is a platform fault: a 500 ServiceException with a fixed message; the details go
 * only to Outlet's own log.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  static final String INTERNAL = "Outlet hit an internal error; see its log for details.";

  private ErrorResponses() {}

  public static void send(HttpServerResponse res, String requestId, Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    LambdaException e;
    if (t instanceof LambdaException le) {
      e = le;
    } else {
      LOG.error("request {} failed", requestId, t);
      e = new LambdaException(ErrorCode.SERVICE, INTERNAL);
    }
    if (res.ended() || res.closed()) {
      return;
    }
    ErrorCode code = e.code();
    res.setStatusCode(code.status())
        .putHeader("Content-Type", "application/json")
        .putHeader("x-amzn-RequestId", requestId)
        .putHeader("x-amzn-ErrorType", code.wireName())
        .end(body(e));
  }

  static String body(LambdaException e) {
    ErrorCode code = e.code();
    StringBuilder b = new StringBuilder(128).append('{');
    if (code.type() != null) {
      b.append("\"Type\":\"").append(code.type()).append("\",");
    }
    b.append('"')
        .append(code.messageMember())
        .append("\":\"")
        .append(dev.outlet.core.Json.escape(e.getMessage()))
        .append('"');
    e.reason().ifPresent(r -> b.append(",\"Reason\":\"").append(r).append('"'));
    return b.append('}').toString();
  }
}
