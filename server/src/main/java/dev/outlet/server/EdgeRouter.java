package dev.outlet.server;

import dev.outlet.api.CodeLinks;
import dev.outlet.api.ErrorResponses;
import dev.outlet.api.Ids;
import dev.outlet.api.LambdaApi;
import dev.outlet.console.ConsoleHttp;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Percent;
import dev.outlet.gateway.FrontDoor;
import dev.outlet.metrics.api.MetricsHttp;
import dev.outlet.registry.RegistryHttp;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.Executor;

/**
 * The front door of Outlet's endpoint. First the region: a Function URL's or HTTP API's request
 * goes to the region that has that URL or API, a code download to the region its link names, any
 * other to the region of its SigV4 credential scope (the default region when unsigned); a region
 * not open yet is opened on a virtual thread while the request waits, paused. Then, within the
 * region, in this order (after the web console's {@code GET /} from a browser and {@code
 * /_outlet/console/} paths, {@link ConsoleHttp}, and the container registry's {@code
 * /v2/<name>/...} paths, which go to the server's one {@link RegistryHttp} whatever the region): a
 * request addressed to a Function URL or an HTTP API (by its {@code Host}, {@code
 * <id>.lambda-url.<region>.localhost} or {@code <id>.execute-api.localhost}, or by the path forms
 * {@code /_outlet/urls/<id>/...} and {@code /_outlet/apis/<id>/...}) goes to the HTTP front's data
 * plane; Invoke and code downloads to the Lambda API's hot path ({@link LambdaApi}); {@code GET
 * /metrics} to the Prometheus scrape ({@link MetricsHttp}); everything else to the {@link AwsEdge},
 * whose services (IAM and STS, CloudWatch Logs, EventBridge, the CloudWatch metrics API in its
 * three protocols, the apigatewayv2 and Function URL control planes, and last the Lambda control
 * plane, which answers any request left with its UnknownOperationException) claim it. Decides on
 * the method, path and headers (never the body); thread-safe.
 */
final class EdgeRouter implements Handler<HttpServerRequest> {

  /**
   * Where each kind of request goes within a region; {@code queues}, in a cluster only, takes SQS
   * and event source mapping requests first (to the node that owns the region's queues).
   */
  record Targets(
      FrontDoor front,
      LambdaApi lambda,
      Handler<HttpServerRequest> metrics,
      AwsEdge edge,
      QueueRelay queues) {}

  private final Regions regions;
  private final Executor blocking;
  private final RegistryHttp registry;
  private final ConsoleHttp console;

  /** Where a load balancer or Kubernetes asks whether to send this node requests. */
  static final String READY = "/_outlet/ready";

  private final java.util.function.BooleanSupplier draining;

  EdgeRouter(
      Regions regions,
      Executor blocking,
      RegistryHttp registry,
      ConsoleHttp console,
      java.util.function.BooleanSupplier draining) {
    this.draining = draining;
    this.regions = regions;
    this.blocking = blocking;
    this.registry = registry;
    this.console = console;
  }

  @Override
  public void handle(HttpServerRequest req) {
    try {
      if (req.path().equals(READY) && req.method() == io.vertx.core.http.HttpMethod.GET) {
        ready(req);
        return;
      }
      Targets home = regions.home().targets();
      if (home.front().accepts(req)) {
        front(req).handle(req);
        return;
      }
      if (ConsoleHttp.accepts(req)) { // the web console: GET / from a browser, /_outlet/console/
        console.handle(req);
        return;
      }
      if (registry.accepts(req)) { // one registry per server, whatever the region
        registry.handle(req);
        return;
      }
      String region = region(req);
      RegionStack stack = region == null ? regions.home() : regions.serving(region);
      if (stack != null) {
        route(stack.targets(), req);
      } else {
        later(region, req);
      }
    } catch (RuntimeException e) {
      // a routing defect must not leave the client waiting: the generic 500, details in the log
      ErrorResponses.send(req.response(), Ids.uuid(), e);
    }
  }

  /**
   * 200 while this node takes requests, 503 once it drains ({@code outlet drain}): a load balancer
   * stops sending it new requests while those under way finish. Unsigned, as health checks are; it
   * tells nothing but the state.
   */
  private void ready(HttpServerRequest req) {
    boolean drains = draining.getAsBoolean();
    req.response()
        .setStatusCode(drains ? 503 : 200)
        .putHeader("Content-Type", "application/json")
        .end(drains ? "{\"state\":\"draining\"}" : "{\"state\":\"ready\"}");
  }

  /** The front of the region that has the URL or API addressed, else the default region's. */
  private FrontDoor front(HttpServerRequest req) {
    for (RegionStack s : regions.all()) {
      FrontDoor f = s.targets() == null ? null : s.targets().front();
      if (f != null && f.serves(req)) {
        return f;
      }
    }
    return regions.home().targets().front();
  }

  /** The region a request names, or null for the default region. */
  private String region(HttpServerRequest req) {
    if (req.path().startsWith(CodeLinks.PATH)) {
      String q = req.query();
      return q == null || !q.contains(CodeLinks.REGION)
          ? null
          : Percent.firstValues(q).apply(CodeLinks.REGION);
    }
    String region = AwsEdge.identity(req).regionOr(null);
    return Regions.isName(region) ? region : null;
  }

  /** Opens the region on a virtual thread, the request paused, then routes it on its context. */
  private void later(String region, HttpServerRequest req) {
    req.pause();
    Context context = Vertx.currentContext();
    blocking.execute(
        () ->
            regions
                .opened(region)
                .whenComplete(
                    (stack, failure) ->
                        context.runOnContext(
                            v -> {
                              try {
                                if (failure != null) {
                                  ErrorResponses.send(req.response(), Ids.uuid(), failure);
                                } else {
                                  route(stack.targets(), req);
                                }
                              } catch (RuntimeException e) {
                                ErrorResponses.send(req.response(), Ids.uuid(), e);
                              } finally {
                                req.resume();
                              }
                            })));
  }

  private static void route(Targets t, HttpServerRequest req) {
    if (t.lambda().offer(req)) {
      return;
    }
    if (t.queues() != null && t.queues().offer(req)) {
      return;
    }
    if (MetricsHttp.accepts(req)) {
      t.metrics().handle(req);
    } else if (!t.edge().offer(req)) {
      req.response().setStatusCode(404).end(); // unreachable: the Lambda service claims the rest
    }
  }
}
