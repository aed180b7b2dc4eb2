package dev.outlet.server;

import dev.outlet.api.ErrorResponses;
import dev.outlet.api.Ids;
import dev.outlet.api.LambdaApi;
import dev.outlet.edge.AwsEdge;
import dev.outlet.gateway.FrontDoor;
import dev.outlet.metrics.api.MetricsHttp;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The front door of Outlet's endpoint, in this order: a request addressed to a Function URL or an
 * HTTP API (by its {@code Host}, {@code <id>.lambda-url.<region>.localhost} or {@code
 * <id>.execute-api.localhost}, or by the path forms {@code /_outlet/urls/<id>/...} and {@code
 * /_outlet/apis/<id>/...}) goes to the HTTP front's data plane; Invoke and code downloads to the
 * Lambda API's hot path ({@link LambdaApi}); {@code GET /metrics} to the Prometheus scrape ({@link
 * MetricsHttp}); everything else to the {@link AwsEdge}, whose services (CloudWatch Logs,
 * EventBridge, the CloudWatch metrics API in its three protocols, the apigatewayv2 and Function URL
 * control planes, and last the Lambda control plane, which answers any request left with its
 * UnknownOperationException) claim it. A pure, synchronous decision on the method, path and headers
 * (never the body); stateless and thread-safe.
 */
final class EdgeRouter implements Handler<HttpServerRequest> {

  /** Where each kind of request goes. */
  record Targets(
      FrontDoor front, LambdaApi lambda, Handler<HttpServerRequest> metrics, AwsEdge edge) {}

  private final Targets t;

  EdgeRouter(Targets targets) {
    this.t = targets;
  }

  @Override
  public void handle(HttpServerRequest req) {
    try {
      route(req);
    } catch (RuntimeException e) {
      // a routing defect must not leave the client waiting: the generic 500, details in the log
      ErrorResponses.send(req.response(), Ids.uuid(), e);
    }
  }

  private void route(HttpServerRequest req) {
    if (t.front().accepts(req)) {
      t.front().handle(req);
    } else if (t.lambda().offer(req)) {
      return;
    } else if (MetricsHttp.accepts(req)) {
      t.metrics().handle(req);
    } else if (!t.edge().offer(req)) {
      req.response().setStatusCode(404).end(); // unreachable: the Lambda service claims the rest
    }
  }
}
