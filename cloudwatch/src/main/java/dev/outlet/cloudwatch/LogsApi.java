package dev.outlet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.telemetry.SqliteLogStore;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The CloudWatch Logs API subset (AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target:
 * Logs_20140328.<Operation>}) over a {@link SqliteLogStore}.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>The event loop only reads the body (at most {@value #MAX_BODY} bytes) and hands it over;
 *       parsing and every store call run on the given executor (virtual threads), which also writes
 *       the response.
 *   <li>Every request gets exactly one response: 200 with a JSON object, or an error shaped by
 *       {@link LogsErrors} (400 for client errors, 500 {@code ServiceUnavailableException} for
 *       store failures, whose details never reach the client).
 *   <li>Stateless between requests: pagination tokens carry every position, so they stay valid
 *       across requests and restarts.
 * </ol>
 *
 * Thread-safe.
 */
public final class LogsApi implements Handler<HttpServerRequest> {

  /** The target prefix of every CloudWatch Logs request. */
  public static final String TARGET_PREFIX = "Logs_20140328.";

  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final int MAX_BODY = 2 << 20;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, LogsOperation> operations;
  private final ExecutorService blocking;
  private final String defaultRegion;
  private final String account;

  private LogsApi(
      Map<String, LogsOperation> operations,
      ExecutorService blocking,
      String defaultRegion,
      String account) {
    this.operations = operations;
    this.blocking = blocking;
    this.defaultRegion = defaultRegion;
    this.account = account;
  }

  /**
   * The API over {@code store}.
   *
   * @param blocking runs the store calls; a virtual-thread-per-task executor
   * @param defaultRegion the region of ARNs when a request is not signed
   * @param account the account id of ARNs
   */
  public static LogsApi create(
      SqliteLogStore store, ExecutorService blocking, String defaultRegion, String account) {
    return create(store, blocking, defaultRegion, account, Clock.systemUTC());
  }

  static LogsApi create(
      SqliteLogStore store,
      ExecutorService blocking,
      String defaultRegion,
      String account,
      Clock clock) {
    Map<String, LogsOperation> ops =
        Map.ofEntries(
            Map.entry("FilterLogEvents", new FilterLogEvents(store)),
            Map.entry("GetLogEvents", new GetLogEvents(store)),
            Map.entry("DescribeLogGroups", new DescribeLogGroups(store)),
            Map.entry("DescribeLogStreams", new DescribeLogStreams(store)),
            Map.entry("CreateLogGroup", new CreateLogGroup(store)),
            Map.entry("DeleteLogGroup", new DeleteLogGroup(store)),
            Map.entry("CreateLogStream", new CreateLogStream(store)),
            Map.entry("PutLogEvents", new PutLogEvents(store, clock)),
            Map.entry("PutRetentionPolicy", new PutRetentionPolicy(store)),
            Map.entry("DeleteRetentionPolicy", new DeleteRetentionPolicy(store)));
    return new LogsApi(ops, blocking, defaultRegion, account);
  }

  /** Whether {@code req} is a CloudWatch Logs request (by its {@code X-Amz-Target}). */
  public static boolean accepts(HttpServerRequest req) {
    String target = req.getHeader("X-Amz-Target");
    return target != null && target.startsWith(TARGET_PREFIX);
  }

  @Override
  public void handle(HttpServerRequest req) {
    String requestId = UUID.randomUUID().toString();
    String target = req.getHeader("X-Amz-Target");
    String name = target == null ? "" : target.substring(target.indexOf('.') + 1);
    LogsOperation op = req.method() == HttpMethod.POST ? operations.get(name) : null;
    if (op == null) {
      req.handler(b -> {}).endHandler(v -> {});
      LogsErrors.send(req.response(), requestId, name, LogsException.unknownOperation(name));
      return;
    }
    String region = Arns.region(req.getHeader("Authorization"));
    collect(
        req,
        body -> {
          try {
            blocking.execute(() -> run(req, requestId, name, op, body, region));
          } catch (RejectedExecutionException e) {
            LogsErrors.send(req.response(), requestId, name, e);
          }
        },
        () ->
            LogsErrors.send(
                req.response(),
                requestId,
                name,
                LogsException.invalid("The request must be smaller than " + MAX_BODY + " bytes.")));
  }

  private void run(
      HttpServerRequest req,
      String requestId,
      String name,
      LogsOperation op,
      Buffer body,
      String region) {
    try {
      LogsRequest request =
          new LogsRequest(parse(body), region == null ? defaultRegion : region, account);
      ObjectNode reply = op.handle(request);
      req.response()
          .setStatusCode(200)
          .putHeader("Content-Type", CONTENT_TYPE)
          .putHeader("x-amzn-RequestId", requestId)
          .end(MAPPER.writeValueAsString(reply));
    } catch (Exception e) {
      LogsErrors.send(req.response(), requestId, name, e);
    }
  }

  private static JsonNode parse(Buffer body) {
    if (body.length() == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode tree = MAPPER.readTree(body.getBytes());
      if (tree == null || !tree.isObject()) {
        throw LogsException.serialization("The request body must be a JSON object.");
      }
      return tree;
    } catch (IOException e) {
      throw LogsException.serialization("The request body is not valid JSON.");
    }
  }

  /** Collects the body up to {@link #MAX_BODY}; past it, discards the rest and runs tooLarge. */
  private static void collect(
      HttpServerRequest req, java.util.function.Consumer<Buffer> done, Runnable tooLarge) {
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    req.handler(
        chunk -> {
          if (!over[0] && body.length() + chunk.length() > MAX_BODY) {
            over[0] = true;
            tooLarge.run();
          } else if (!over[0]) {
            body.appendBuffer(chunk);
          }
        });
    req.endHandler(
        v -> {
          if (!over[0]) {
            done.accept(body);
          }
        });
  }
}
