package dev.outlet.gateway;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.Ids;
import dev.outlet.core.Account;
import dev.outlet.core.LogSink;
import dev.outlet.edge.Access;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Caller;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.invoke.Invocations;
import dev.outlet.sandbox.InvocationResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * The data plane of HTTP APIs and Function URLs: address → (stage →) CORS preflight → body (capped
 * while it streams) → route → throttle → authorization → event → invoke → response mapping → access
 * log. Runs on the event loop and never blocks: definitions come from {@link Catalog}, functions
 * from {@link FunctionRegistry}, and the answer is written when the invoker's future completes.
 * Every failure becomes the response API Gateway or Lambda would send, in {@link FrontReplies}.
 */
public final class FrontDoor implements Handler<HttpServerRequest> {
  /** HTTP APIs refuse request bodies over 10 MB. */
  static final int API_BODY_LIMIT = 10 * 1024 * 1024;

  /** API Gateway waits at most 10 seconds for a Lambda authorizer. */
  static final long AUTHORIZER_TIMEOUT_MILLIS = 10_000;

  /** Function URLs take what Invoke takes: 6 MB. */
  static final int URL_BODY_LIMIT = 6 * 1024 * 1024;

  private final Catalog catalog;
  private final FunctionRegistry registry;
  private final FrontInvoker invoker;
  private final Account account;
  private final AccessLog accessLog;
  private final LongSupplier nanos;

  private final RequestVerifier verifier;
  private final dev.outlet.edge.Authorizer policies;

  FrontDoor(
      Catalog catalog,
      FunctionRegistry registry,
      Invocations invoker,
      Account account,
      LogSink logs,
      LongSupplier nanos,
      RequestVerifier verifier,
      dev.outlet.edge.Authorizer policies) {
    this.verifier = verifier;
    this.policies = policies;
    this.catalog = catalog;
    this.registry = registry;
    this.invoker = new FrontInvoker(invoker, account);
    this.account = account;
    this.accessLog = new AccessLog(logs);
    this.nanos = nanos;
  }

  /** Whether the request is for the front (by Host or path form). */
  public boolean accepts(HttpServerRequest req) {
    return FrontAddress.of(FrontRequests.host(req), req.path(), account.region()) != null;
  }

  /** Whether this front has the Function URL or HTTP API the request addresses. */
  public boolean serves(HttpServerRequest req) {
    FrontAddress a = FrontAddress.of(FrontRequests.host(req), req.path(), account.region());
    return a != null
        && (a.kind() == FrontAddress.Kind.FUNCTION_URL
            ? catalog.url(a.id()).isPresent()
            : catalog.api(a.id()).isPresent());
  }

  @Override
  public void handle(HttpServerRequest req) {
    FrontAddress a = FrontAddress.of(FrontRequests.host(req), req.path(), account.region());
    try {
      if (a.kind() == FrontAddress.Kind.FUNCTION_URL) {
        functionUrl(req, a);
      } else {
        httpApi(req, a);
      }
    } catch (RuntimeException e) {
      FrontReplies.internal(req.response(), e);
    }
  }

  /** The authorizer's denial of a verified caller's request, or null when allowed. */
  private String denied(Caller caller, Access access, HttpServerRequest req) {
    return policies.decide(caller, access, AwsEdge.sourceIp(req))
            instanceof dev.outlet.edge.Authorizer.Verdict.Denied d
        ? d.message()
        : null;
  }

  // ---- Function URLs

  private void functionUrl(HttpServerRequest req, FrontAddress a) {
    Optional<Catalog.Url> found = catalog.url(a.id());
    Optional<Deployed> fn = found.flatMap(u -> registry.invocable(u.functionName()));
    if (fn.isEmpty()) {
      FrontReplies.urlForbidden(req.response(), null);
      return;
    }
    Catalog.Url url = found.get();
    String origin = req.getHeader("Origin");
    if (url.cors() != null
        && CorsRules.isPreflight(
            req.method().name(), origin, req.getHeader("Access-Control-Request-Method"))) {
      FrontReplies.preflight(
          req.response(),
          url.cors()
              .preflight(
                  origin,
                  req.getHeader("Access-Control-Request-Method"),
                  req.getHeader("Access-Control-Request-Headers")));
      return;
    }
    if (url.iam() && !FrontRequests.signed(req)) {
      FrontReplies.urlForbidden(req.response(), "Forbidden");
      return;
    }
    String requestId = Ids.uuid();
    CappedBody.collect(
        req,
        URL_BODY_LIMIT,
        body -> {
          try {
            Caller caller = null;
            if (url.iam()) {
              try {
                caller = FrontRequests.verify(verifier, req, body);
              } catch (AwsException e) {
                FrontReplies.urlForbidden(req.response(), e.getMessage());
                return;
              }
              Access access =
                  new Access(
                      "lambda:InvokeFunctionUrl",
                      account.functionArn(url.functionName()),
                      Map.of("lambda:FunctionUrlAuthType", "AWS_IAM"));
              if (denied(caller, access, req) != null) {
                FrontReplies.urlForbidden(req.response(), "Forbidden");
                return;
              }
            }
            FrontRequest r = FrontRequests.of(req, a, body, true);
            Map<String, Object> authorizer =
                url.iam() ? Map.of("iam", FrontRequests.iam(req, account.id(), caller)) : null;
            Events.Context c =
                new Events.Context(
                    account.id(),
                    a.id(),
                    requestId,
                    "$default",
                    "$default",
                    "$default",
                    Map.of(),
                    null,
                    authorizer);
            Deployed d = fn.get();
            UrlStream stream = url.streamed() ? urlStream(req, url, origin, requestId) : null;
            invoker
                .invoke(d, url.functionName(), requestId, Events.v2(r, c), 0, stream)
                .whenComplete(
                    (outcome, error) -> {
                      if (stream != null && stream.begun()) {
                        stream.end(error != null || outcome.result().failed());
                        return;
                      }
                      HttpServerResponse res = req.response();
                      res.putHeader("x-amzn-RequestId", requestId);
                      if (url.cors() != null) {
                        url.cors().actual(origin).forEach(res::putHeader);
                      }
                      if (error != null) {
                        FrontReplies.urlFailure(res, FrontInvoker.unwrap(error));
                        return;
                      }
                      if (outcome.result().failed()) {
                        FrontReplies.urlFunctionError(res);
                        return;
                      }
                      try {
                        if (!FrontReplies.send(
                            res, ProxyResponse.map(outcome.result().body(), false))) {
                          FrontReplies.urlFunctionError(res);
                        }
                      } catch (ProxyResponse.Malformed m) {
                        FrontReplies.urlFunctionError(res);
                      }
                    });
          } catch (RuntimeException e) {
            FrontReplies.internal(req.response(), e);
          }
        },
        () -> FrontReplies.urlTooLarge(req.response()));
  }

  /** A RESPONSE_STREAM URL's answer, with the head every answer of the URL carries. */
  private static UrlStream urlStream(
      HttpServerRequest req, Catalog.Url url, String origin, String requestId) {
    Map<String, String> head = new java.util.LinkedHashMap<>();
    head.put("x-amzn-RequestId", requestId);
    if (url.cors() != null) {
      head.putAll(url.cors().actual(origin));
    }
    return new UrlStream(req.response(), head);
  }

  // ---- HTTP APIs

  private void httpApi(HttpServerRequest req, FrontAddress a) {
    long started = nanos.getAsLong();
    Optional<Catalog.Api> found = catalog.api(a.id());
    if (found.isEmpty()) {
      FrontReplies.message(req.response(), 404, "Not Found", null);
      return;
    }
    Catalog.Api api = found.get();
    List<String> segments = RouteTable.split(a.path());
    Catalog.Stage stage = api.stages().get(segments.get(0));
    String routePath = a.path();
    if (stage != null && !stage.name().equals("$default")) {
      routePath = segments.size() == 1 ? "/" : a.path().substring(stage.name().length() + 1);
    } else {
      stage = api.stages().get("$default");
    }
    if (stage == null) {
      FrontReplies.message(req.response(), 404, "Not Found", null);
      return;
    }
    String origin = req.getHeader("Origin");
    if (api.cors() != null
        && CorsRules.isPreflight(
            req.method().name(), origin, req.getHeader("Access-Control-Request-Method"))) {
      FrontReplies.preflight(
          req.response(),
          api.cors()
              .preflight(
                  origin,
                  req.getHeader("Access-Control-Request-Method"),
                  req.getHeader("Access-Control-Request-Headers")));
      return;
    }
    Catalog.Stage st = stage;
    String path = routePath;
    String apigwId = FrontReplies.apigwRequestId();
    AccessLog.Entry log = new AccessLog.Entry(api.apiId(), st, apigwId, started);
    HttpServerResponse res = req.response();
    res.putHeader("apigw-requestid", apigwId);
    if (api.cors() != null) {
      api.cors().actual(origin).forEach(res::putHeader);
    }
    res.endHandler(v -> accessLog.write(log, req, res.getStatusCode(), res.bytesWritten(), nanos));
    CappedBody.collect(
        req,
        API_BODY_LIMIT,
        body -> {
          try {
            route(req, a, api, st, path, body, apigwId, log);
          } catch (RuntimeException e) {
            FrontReplies.internal(res, e);
          }
        },
        () -> FrontReplies.message(res, 413, "Request Entity Too Large", null));
  }

  private void route(
      HttpServerRequest req,
      FrontAddress a,
      Catalog.Api api,
      Catalog.Stage stage,
      String path,
      Buffer body,
      String apigwId,
      AccessLog.Entry log) {
    HttpServerResponse res = req.response();
    Optional<RouteTable.Match<Catalog.Target>> match =
        api.routes().select(req.method().name(), path);
    if (match.isEmpty()) {
      FrontReplies.message(res, 404, "Not Found", null);
      return;
    }
    Catalog.Target target = match.get().target();
    log.routeKey = target.routeKey();
    TokenBucket bucket = stage.bucket(target.routeKey());
    if (bucket != null && !bucket.tryTake(nanos.getAsLong())) {
      FrontReplies.message(res, 429, "Too Many Requests", null);
      return;
    }
    if (target.iam() && !FrontRequests.signed(req)) {
      FrontReplies.message(res, 403, "Forbidden", null);
      return;
    }
    Caller caller = null;
    if (target.iam()) {
      try {
        caller = FrontRequests.verify(verifier, req, body);
      } catch (AwsException e) {
        FrontReplies.message(res, 403, e.getMessage(), e.code());
        return;
      }
      String resource =
          "arn:aws:execute-api:"
              + account.region()
              + ":"
              + account.id()
              + ":"
              + api.apiId()
              + "/"
              + stage.name()
              + "/"
              + req.method().name()
              + path;
      String denial = denied(caller, new Access("execute-api:Invoke", resource), req);
      if (denial != null) {
        FrontReplies.message(res, 403, denial, "AccessDeniedException");
        return;
      }
    }
    FrontRequest r = FrontRequests.of(req, a, body, false);
    Events.Context base =
        new Events.Context(
            account.id(),
            api.apiId(),
            apigwId,
            target.routeKey(),
            target.resourcePath(),
            stage.name(),
            match.get().pathParameters(),
            stage.variables(),
            target.iam() ? Map.of("iam", FrontRequests.iam(req, account.id(), caller)) : null);
    Authorizer authorizer = target.authorizer();
    CompletableFuture<Authorizer.Decision> decision;
    if (authorizer == null) {
      decision = CompletableFuture.completedFuture(null);
    } else {
      List<String> identity = authorizer.identity(r, stage.variables());
      if (identity == null) {
        FrontReplies.message(res, 401, "Unauthorized", null);
        return;
      }
      decision = authorize(authorizer, identity, r, base, stage);
    }
    decision.whenComplete(
        (d, error) -> {
          if (error != null) {
            FrontReplies.apiFailure(res, FrontInvoker.unwrap(error));
            return;
          }
          if (d != null && !d.allowed()) {
            FrontReplies.message(res, 403, "Forbidden", null);
            return;
          }
          Events.Context c =
              d == null
                  ? base
                  : new Events.Context(
                      base.accountId(),
                      base.apiId(),
                      base.requestId(),
                      base.routeKey(),
                      base.resourcePath(),
                      base.stage(),
                      base.pathParameters(),
                      base.stageVariables(),
                      Map.of("lambda", d.context()));
          try {
            integrate(res, target, r, c, log);
          } catch (RuntimeException e) {
            FrontReplies.internal(res, e);
          }
        });
  }

  private void integrate(
      HttpServerResponse res,
      Catalog.Target target,
      FrontRequest r,
      Events.Context c,
      AccessLog.Entry log) {
    Catalog.Integration integration = target.integration();
    Optional<Deployed> fn =
        integration == null ? Optional.empty() : registry.invocable(integration.functionName());
    if (fn.isEmpty()) {
      FrontReplies.message(res, 500, "Internal Server Error", null);
      return;
    }
    byte[] event = integration.v1() ? Events.v1(r, c) : Events.v2(r, c);
    long sent = nanos.getAsLong();
    invoker
        .invoke(
            fn.get(), integration.functionName(), Ids.uuid(), event, integration.timeoutMillis())
        .whenComplete(
            (outcome, error) -> {
              log.integrationNanos = nanos.getAsLong() - sent;
              if (error != null) {
                FrontReplies.apiFailure(res, FrontInvoker.unwrap(error));
                return;
              }
              log.integrationStatus = 200;
              if (outcome.result().failed()) {
                FrontReplies.message(res, 500, "Internal Server Error", null);
                return;
              }
              try {
                if (!FrontReplies.send(
                    res, ProxyResponse.map(outcome.result().body(), integration.v1()))) {
                  FrontReplies.message(res, 500, "Internal Server Error", null);
                }
              } catch (ProxyResponse.Malformed m) {
                FrontReplies.message(res, 500, "Internal Server Error", null);
              }
            });
  }

  private CompletableFuture<Authorizer.Decision> authorize(
      Authorizer authorizer,
      List<String> identity,
      FrontRequest r,
      Events.Context c,
      Catalog.Stage stage) {
    Authorizer.Decision cached = authorizer.cached(identity, nanos.getAsLong());
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    Optional<Deployed> fn = registry.invocable(authorizer.functionName());
    if (fn.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("authorizer missing"));
    }
    String method = r.method();
    String routeArn =
        "arn:aws:execute-api:"
            + account.region()
            + ":"
            + account.id()
            + ":"
            + c.apiId()
            + "/"
            + stage.name()
            + "/"
            + method
            + r.rawPath();
    byte[] event = Events.authorizer(r, c, routeArn, identity);
    return invoker
        .invoke(fn.get(), authorizer.functionName(), Ids.uuid(), event, AUTHORIZER_TIMEOUT_MILLIS)
        .thenApply(
            outcome -> {
              InvocationResult result = outcome.result();
              if (result.failed()) {
                throw new CompletionException(new IllegalStateException("authorizer failed"));
              }
              try {
                Authorizer.Decision d = authorizer.decide(result.body(), routeArn);
                authorizer.remember(identity, d, nanos.getAsLong());
                return d;
              } catch (ProxyResponse.Malformed e) {
                throw new CompletionException(e);
              }
            });
  }
}
