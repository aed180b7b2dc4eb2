package dev.outlet.server;

import dev.outlet.edge.AwsEdge;
import dev.outlet.gateway.ApisApi;
import dev.outlet.gateway.FrontDoor;
import dev.outlet.gateway.FunctionUrlsApi;
import dev.outlet.metrics.api.MetricsHttp;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The front door of Outlet's endpoint, in this order: a request addressed to a Function URL or an
 * HTTP API (by its {@code Host}, {@code <id>.lambda-url.<region>.localhost} or {@code
 * <id>.execute-api.localhost}, or by the path forms {@code /_outlet/urls/<id>/...} and {@code
 * /_outlet/apis/<id>/...}) goes to the HTTP front's data plane; a request one of the services on
 * the {@link AwsEdge} claims (CloudWatch Logs, EventBridge, the CloudWatch metrics API) to it;
 * {@code GET /metrics} to the Prometheus scrape ({@link MetricsHttp}); {@code /v2/apis...} to the
 * apigatewayv2 control plane; {@code /2021-10-31/functions/{fn}/url(s)} to the Function URL control
 * plane; everything else to the Lambda API. A pure, synchronous decision on the method, path and
 * headers (never the body); stateless and thread-safe.
 */
final class EdgeRouter implements Handler<HttpServerRequest> {

  /** Where each kind of request goes. */
  record Targets(
      FrontDoor front,
      AwsEdge edge,
      Handler<HttpServerRequest> metrics,
      Handler<HttpServerRequest> apis,
      Handler<HttpServerRequest> functionUrls,
      Handler<HttpServerRequest> lambda) {}

  private final Targets t;

  EdgeRouter(Targets targets) {
    this.t = targets;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    Handler<HttpServerRequest> target;
    if (t.front().accepts(req)) {
      target = t.front();
    } else if (t.edge().offer(req)) {
      return;
    } else if (MetricsHttp.accepts(req)) {
      target = t.metrics();
    } else if (ApisApi.accepts(path)) {
      target = t.apis();
    } else if (FunctionUrlsApi.accepts(path)) {
      target = t.functionUrls();
    } else {
      target = t.lambda();
    }
    target.handle(req);
  }
}
