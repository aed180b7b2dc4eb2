package dev.outlet.server;

import dev.outlet.api.LambdaApi;
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
 * /_outlet/apis/<id>/...}) goes to the HTTP front's data plane; {@code /v2/apis...} to the
 * apigatewayv2 control plane; {@code /2021-10-31/functions/{fn}/url(s)} to the Function URL control
 * plane; Invoke and code downloads to the Lambda API's hot path ({@link LambdaApi}); {@code GET
 * /metrics} to the Prometheus scrape ({@link MetricsHttp}); everything else to the {@link AwsEdge},
 * whose services (CloudWatch Logs, EventBridge, the CloudWatch metrics API in its three protocols,
 * and last the Lambda control plane, which answers any request left with its
 * UnknownOperationException) claim it. A pure, synchronous decision on the method, path and headers
 * (never the body); stateless and thread-safe.
 */
final class EdgeRouter implements Handler<HttpServerRequest> {

  /** Where each kind of request goes. */
  record Targets(
      FrontDoor front,
      Handler<HttpServerRequest> apis,
      Handler<HttpServerRequest> functionUrls,
      LambdaApi lambda,
      Handler<HttpServerRequest> metrics,
      AwsEdge edge) {}

  private final Targets t;

  EdgeRouter(Targets targets) {
    this.t = targets;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    if (t.front().accepts(req)) {
      t.front().handle(req);
    } else if (ApisApi.accepts(path)) {
      t.apis().handle(req);
    } else if (FunctionUrlsApi.accepts(path)) {
      t.functionUrls().handle(req);
    } else if (t.lambda().offer(req)) {
      return;
    } else if (MetricsHttp.accepts(req)) {
      t.metrics().handle(req);
    } else if (!t.edge().offer(req)) {
      req.response().setStatusCode(404).end(); // unreachable: the Lambda service claims the rest
    }
  }
}
