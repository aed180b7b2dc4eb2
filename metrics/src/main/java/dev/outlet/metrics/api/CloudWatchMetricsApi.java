package dev.outlet.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.Protocol.MalformedBody;
import dev.outlet.edge.QueryForm;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.metrics.MinuteStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CloudWatch metrics API's HTTP adapter: tells a request's protocol ({@link #accepts}), reads
 * its body, runs the operation against the {@link MinuteStore} and writes the reply or error in
 * that protocol. Errors are mapped here only: client mistakes keep their message; anything else is
 * a 500 {@code InternalServiceError} whose message never carries internal detail.
 *
 * <p>Thread-safe and stateless; never blocks the calling event loop (queries run on the store's
 * writer thread and the reply is written when they complete).
 */
public final class CloudWatchMetricsApi implements io.vertx.core.Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetricsApi.class);
  private static final long MAX_BODY = 1 << 20;

  private final MinuteStore store;
  private final InstantSource clock;

  public CloudWatchMetricsApi(MinuteStore store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Whether {@code req} is a CloudWatch metrics request (by method, path and headers); {@link
   * #handle} serves only such requests.
   */
  public static boolean accepts(HttpServerRequest req) {
    return protocol(req) != null;
  }

  @Override
  public void handle(HttpServerRequest req) {
    Protocol protocol = protocol(req);
    String requestId = UUID.randomUUID().toString();
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    req.handler(
        chunk -> {
          if (body.length() + chunk.length() > MAX_BODY) {
            tooLarge[0] = true;
          } else if (!tooLarge[0]) {
            body.appendBuffer(chunk);
          }
        });
    req.exceptionHandler(e -> LOG.debug("CloudWatch request {} broke off", requestId, e));
    req.endHandler(
        v -> {
          if (tooLarge[0]) {
            fail(
                req,
                protocol,
                requestId,
                "?",
                ApiError.INVALID_PARAMETER_VALUE.with("Request must be smaller than 1 MB."));
          } else {
            serve(req, protocol, requestId, body);
          }
        });
  }

  private void serve(HttpServerRequest req, Protocol protocol, String requestId, Buffer body) {
    String operation = "?";
    try {
      JsonNode in = parse(protocol, body);
      operation = operation(req, protocol, in);
      String op = operation;
      run(op, in)
          .whenComplete(
              (result, error) -> {
                if (error == null) {
                  succeed(req, protocol, requestId, op, result);
                } else {
                  fail(req, protocol, requestId, op, unwrap(error));
                }
              });
    } catch (RuntimeException e) {
      fail(req, protocol, requestId, operation, e);
    }
  }

  private CompletableFuture<Map<String, Object>> run(String operation, JsonNode in) {
    return switch (operation) {
      case "GetMetricStatistics" -> GetMetricStatistics.run(in, store);
      case "GetMetricData" -> GetMetricData.run(in, store);
      case "ListMetrics" -> ListMetrics.run(in, store, clock.millis());
      default ->
          throw ApiError.INVALID_ACTION.with(
              "Outlet's CloudWatch serves GetMetricStatistics, GetMetricData and ListMetrics, not "
                  + operation
                  + ".");
    };
  }

  private static JsonNode parse(Protocol protocol, Buffer body) {
    try {
      return switch (protocol) {
        case QUERY -> QueryForm.parse(body.toString(StandardCharsets.UTF_8));
        case JSON ->
            body.length() == 0
                ? BinaryReply.JSON.createObjectNode()
                : BinaryReply.JSON.readTree(body.getBytes());
        case CBOR ->
            body.length() == 0
                ? BinaryReply.CBOR.createObjectNode()
                : BinaryReply.CBOR.readTree(body.getBytes());
      };
    } catch (IOException | MalformedBody e) {
      throw ApiError.INVALID_PARAMETER_VALUE.with("The request body could not be parsed.");
    }
  }

  private static String operation(HttpServerRequest req, Protocol protocol, JsonNode in) {
    String op =
        switch (protocol) {
          case QUERY -> Input.text(in, "Action");
          case JSON -> req.getHeader("X-Amz-Target").substring(Protocol.SERVICE.length() + 1);
          case CBOR -> req.path().substring(Protocol.CBOR_PATH.length());
        };
    if (op == null || op.isEmpty()) {
      throw ApiError.MISSING_PARAMETER.with("The parameter Action is required.");
    }
    return op;
  }

  private static void succeed(
      HttpServerRequest req,
      Protocol protocol,
      String requestId,
      String op,
      Map<String, Object> r) {
    HttpServerResponse res = headers(req.response().setStatusCode(200), protocol, requestId);
    switch (protocol) {
      case QUERY -> res.end(XmlReply.success(op, r, requestId));
      case JSON -> res.end(Buffer.buffer(BinaryReply.write(false, r)));
      case CBOR -> res.end(Buffer.buffer(BinaryReply.write(true, r)));
    }
  }

  private static void fail(
      HttpServerRequest req, Protocol protocol, String requestId, String op, Throwable e) {
    ApiError.ApiException api;
    if (e instanceof ApiError.ApiException known) {
      api = known;
    } else {
      LOG.warn("CloudWatch {} failed (request {})", op, requestId, e);
      api =
          ApiError.INTERNAL.with(
              "Outlet could not serve the request; see its log for " + requestId + ".");
    }
    ApiError error = api.error;
    HttpServerResponse res =
        headers(req.response().setStatusCode(error.status), protocol, requestId);
    switch (protocol) {
      case QUERY -> res.end(XmlReply.error(error, api.getMessage(), requestId));
      case JSON, CBOR -> {
        res.putHeader("x-amzn-query-error", error.code + ";" + error.type());
        res.end(
            Buffer.buffer(BinaryReply.error(protocol == Protocol.CBOR, error, api.getMessage())));
      }
    }
  }

  private static HttpServerResponse headers(HttpServerResponse res, Protocol protocol, String id) {
    res.putHeader("x-amzn-RequestId", id);
    return switch (protocol) {
      case QUERY -> res.putHeader("Content-Type", "text/xml");
      case JSON -> res.putHeader("Content-Type", "application/x-amz-json-1.0");
      case CBOR ->
          res.putHeader("Content-Type", "application/cbor")
              .putHeader("smithy-protocol", "rpc-v2-cbor");
    };
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static Protocol protocol(HttpServerRequest req) {
    return Protocol.detect(
        req.method().name(),
        req.path(),
        req.getHeader("Content-Type"),
        req.getHeader("X-Amz-Target"),
        RequestIdentity.of(req::getHeader, req::getParam).service());
  }
}
