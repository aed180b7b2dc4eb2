package dev.outlet.metrics.api;

import dev.outlet.metrics.LambdaMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Outlet's metrics endpoints on the shared listener: {@code GET /metrics} (Prometheus text format
 * 0.0.4, rendered off the event loop on {@code blocking}) and the CloudWatch metrics API ({@link
 * CloudWatchMetricsApi}). {@link #accepts} tells the front router which requests are ours.
 * Stateless and thread-safe.
 */
public final class MetricsHttp implements Handler<HttpServerRequest> {
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final LambdaMetrics metrics;
  private final Executor blocking;
  private final CloudWatchMetricsApi cloudWatch;

  public MetricsHttp(LambdaMetrics metrics, Executor blocking, InstantSource clock) {
    this.metrics = metrics;
    this.blocking = blocking;
    this.cloudWatch = new CloudWatchMetricsApi(metrics.store(), clock);
  }

  /** {@code GET /metrics}, or a CloudWatch metrics API request in any of its protocols. */
  public static boolean accepts(HttpServerRequest req) {
    return isScrape(req) || CloudWatchMetricsApi.accepts(req);
  }

  @Override
  public void handle(HttpServerRequest req) {
    if (!isScrape(req)) {
      cloudWatch.handle(req);
      return;
    }
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

  private static boolean isScrape(HttpServerRequest req) {
    return "GET".equals(req.method().name()) && "/metrics".equals(req.path());
  }
}
