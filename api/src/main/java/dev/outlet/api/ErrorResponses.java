package dev.outlet.api;

import dev.outlet.core.LambdaException;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Protocol;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures of the Lambda surfaces that answer outside the edge's dispatcher (Invoke's hot path,
 * Function URL configuration), rendered the edge's way: {@link LambdaErrors} names the error and
 * {@link Protocol.RestJson} renders it. Anything that is not a Lambda error is a platform fault: a
 * 500 ServiceException with a fixed message; the details go only to Outlet's log.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private static final Protocol REST_JSON = new Protocol.RestJson();

  private ErrorResponses() {}

  public static void send(HttpServerResponse res, String requestId, Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    AwsException e = t instanceof AwsException known ? known : LambdaErrors.INSTANCE.translate(t);
    if (e == null) {
      LOG.error("request {} failed", requestId, t);
      e = LambdaErrors.INSTANCE.internal(requestId);
    }
    AwsEdge.send(res, requestId, REST_JSON.error(e, requestId));
  }

  static String body(LambdaException e) {
    return new String(REST_JSON.error(LambdaErrors.of(e), "").body(), StandardCharsets.UTF_8);
  }
}
