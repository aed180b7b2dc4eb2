package dev.outlet.metrics.api;

import dev.outlet.metrics.LambdaMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Outlet's Prometheus scrape on the shared listener: {@code GET /metrics} (text format 0.0.4,
 * rendered off the event loop on {@code blocking}). {@link #accepts} tells the front router which
 * requests are ours; the CloudWatch metrics API is on the AWS edge ({@link MetricsService}).
 * Stateless and thread-safe.
 */
public final class MetricsHttp implements Handler<HttpServerRequest> {
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final LambdaMetrics metrics;
  private final Executor blocking;

  public MetricsHttp(LambdaMetrics metrics, Executor blocking) {
    this.metrics = metrics;
    this.blocking = blocking;
  }

  /** {@code GET /metrics}. */
  public static boolean accepts(HttpServerRequest req) {
    return "GET".equals(req.method().name()) && "/metrics".equals(req.path());
  }

  @Override
  public void handle(HttpServerRequest req) {
    try {
      blocking.execute(
          () -> {
            String text = metrics.scrape();
            req.response().putHeader("Content-Type", PROMETHEUS_TYPE).end(text);
          });
    } catch (RejectedExecutionException e) {
      req.response().setStatusCode(503).end();
    }
  }
}
