package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.CodeStore;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invoker;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * The Lambda API's request handler: routes each request, sends Invoke down the non-blocking hot
 * path and control-plane operations to virtual threads, and maps every failure in {@link
 * ErrorResponses}.
 */
public final class LambdaApi implements Handler<HttpServerRequest> {
  private static final Pattern CODE_FILE = Pattern.compile("[0-9a-f]{64}\\.zip");

  private final ControlPlane control;
  private final InvokeHandler invoke;
  private final CodeStore code;
  private final Account account;
  private final ExecutorService blocking;
  private final String baseUrl;

  public LambdaApi(
      FunctionService service,
      FunctionRegistry registry,
      Invoker invoker,
      EventQueue events,
      CodeStore code,
      Account account,
      int accountLimit,
      ExecutorService blocking,
      String baseUrl) {
    this.control = new ControlPlane(service, registry, accountLimit);
    this.invoke = new InvokeHandler(registry, invoker, events, blocking);
    this.code = code;
    this.account = account;
    this.blocking = blocking;
    this.baseUrl = baseUrl;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String requestId = Ids.uuid();
    try {
      ApiRoute route = ApiRoute.of(req.method().name(), req.path());
      Account acct =
          account.inRegion(RequestIdentity.of(req::getHeader, req::getParam).regionOr(null));
      switch (route.operation()) {
        case INVOKE -> invoke.handle(req, route.function(), requestId, acct);
        case UNKNOWN -> unknown(req, requestId);
        case GET_CODE -> sendCode(req, route.function());
        default -> control(req, route, acct, requestId);
      }
    } catch (RuntimeException e) {
      ErrorResponses.send(req.response(), requestId, e);
    }
  }

  private void control(HttpServerRequest req, ApiRoute route, Account acct, String requestId) {
    Map<String, String> queries = new HashMap<>();
    req.params().forEach(e -> queries.putIfAbsent(e.getKey(), e.getValue()));
    CappedBody.collect(
        req,
        Limits.CREATE_REQUEST,
        body ->
            blocking.execute(
                () -> {
                  try {
                    ControlPlane.Reply reply =
                        control.handle(
                            route,
                            new ControlPlane.Request(acct, body.getBytes(), queries, baseUrl));
                    var res =
                        req.response()
                            .setStatusCode(reply.status())
                            .putHeader("x-amzn-RequestId", requestId);
                    if (reply.body() == null) {
                      res.end();
                    } else {
                      res.putHeader("Content-Type", "application/json")
                          .end(FunctionRequests.MAPPER.writeValueAsString(reply.body()));
                    }
                  } catch (Exception e) {
                    ErrorResponses.send(req.response(), requestId, e);
                  }
                }),
        () ->
            ErrorResponses.send(
                req.response(),
                requestId,
                LambdaException.tooLarge(
                    "Request must be smaller than "
                        + Limits.CREATE_REQUEST
                        + " bytes for the "
                        + operationName(route)
                        + " operation")));
  }

  private static String operationName(ApiRoute route) {
    return route.operation() == ApiRoute.Operation.UPDATE_CODE
        ? "UpdateFunctionCode"
        : "CreateFunction";
  }

  private void unknown(HttpServerRequest req, String requestId) {
    req.response()
        .setStatusCode(404)
        .putHeader("Content-Type", "application/json")
        .putHeader("x-amzn-RequestId", requestId)
        .putHeader("x-amzn-ErrorType", "UnknownOperationException")
        .end("{\"message\":\"Outlet does not serve " + req.method() + " " + req.path() + "\"}");
  }

  private void sendCode(HttpServerRequest req, String file) {
    if (!CODE_FILE.matcher(file).matches()) {
      req.response().setStatusCode(404).end();
      return;
    }
    Path zip = code.zip(new dev.outlet.core.CodeRef(file.substring(0, 64), "", 0, 0));
    if (!Files.isRegularFile(zip)) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.response().putHeader("Content-Type", "application/zip").sendFile(zip.toString());
  }
}
