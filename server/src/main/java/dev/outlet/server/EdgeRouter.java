package dev.outlet.server;

import dev.outlet.cloudwatch.LogsApi;
import dev.outlet.local.events.EventsApi;
import dev.outlet.metrics.api.MetricsHttp;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The front door of Outlet's one endpoint: a request whose {@code X-Amz-Target} starts with {@code
 * Logs_20140328.} goes to the CloudWatch Logs API; {@code GET /metrics} and CloudWatch metrics
 * requests (form-encoded {@code POST /} signed for {@code monitoring}, {@code
 * GraniteServiceVersion20100801} targets and paths) to the metrics endpoints ({@link MetricsHttp});
 * {@code AWSEvents.} targets to the EventBridge schedules API ({@link EventsApi}); everything else
 * to the Lambda API. A pure, synchronous decision on the method, path and headers (never the body);
 * stateless and thread-safe.
 */
final class EdgeRouter implements Handler<HttpServerRequest> {

  private final Handler<HttpServerRequest> logs;
  private final Handler<HttpServerRequest> metrics;
  private final Handler<HttpServerRequest> lambda;
  private final Handler<HttpServerRequest> events;

  EdgeRouter(
      Handler<HttpServerRequest> logs,
      Handler<HttpServerRequest> metrics,
      Handler<HttpServerRequest> events,
      Handler<HttpServerRequest> lambda) {
    this.events = events;
    this.logs = logs;
    this.metrics = metrics;
    this.lambda = lambda;
  }

  @Override
  public void handle(HttpServerRequest req) {
    if (EventsApi.accepts(req)) {
      events.handle(req);
      return;
    }
    (LogsApi.accepts(req) ? logs : MetricsHttp.accepts(req) ? metrics : lambda).handle(req);
  }
}
