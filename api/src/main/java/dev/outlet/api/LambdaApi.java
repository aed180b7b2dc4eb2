package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.CodeStore;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Percent;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invocations;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The Lambda API's hot path, before the edge: Invoke (non-blocking, {@link InvokeHandler}) and the
 * code downloads GetFunction links to. {@link #offer} takes only those; every other Lambda
 * operation is a {@link LambdaService} operation on the edge.
 */
public final class LambdaApi {
  private static final Pattern CODE_FILE = Pattern.compile("[0-9a-f]{64}\\.zip");

  private final InvokeHandler invoke;
  private final CodeStore code;
  private final Account account;
  private final CodeLinks links;

  public LambdaApi(
      FunctionRegistry registry,
      Invocations invoker,
      EventQueue events,
      CodeStore code,
      Account account,
      ExecutorService blocking,
      RequestVerifier verifier,
      Authorizer authorizer,
      CodeLinks links) {
    this.links = links;
    this.invoke = new InvokeHandler(registry, invoker, events, blocking, verifier, authorizer);
    this.code = code;
    this.account = account;
  }

  /** Serves {@code req} when it is an Invoke or a code download; false (untouched) otherwise. */
  public boolean offer(HttpServerRequest req) {
    ApiRoute route = ApiRoute.of(req.method().name(), req.path());
    switch (route.operation()) {
      case INVOKE -> invoke(req, route, InvokeHandler.Kind.INVOKE);
      case INVOKE_ASYNC -> invoke(req, route, InvokeHandler.Kind.ASYNC);
      case INVOKE_WITH_RESPONSE_STREAM -> invoke(req, route, InvokeHandler.Kind.STREAM);
      case GET_CODE -> sendCode(req, route.function());
      default -> {
        return false;
      }
    }
    return true;
  }

  private void invoke(HttpServerRequest req, ApiRoute route, InvokeHandler.Kind kind) {
    String requestId = Ids.uuid();
    try {
      RequestIdentity identity = AwsEdge.identity(req);
      Account acct = account.inRegion(identity.regionOr(null));
      invoke.handle(req, route.function(), requestId, acct, identity, kind);
    } catch (RuntimeException e) {
      ErrorResponses.send(req.response(), requestId, e);
    }
  }

  /**
   * A GetFunction code link: the package when the link is this server's and current, else S3's 403
   * {@code AccessDenied}, as an expired or altered presigned URL gets.
   */
  private void sendCode(HttpServerRequest req, String file) {
    if (!CODE_FILE.matcher(file).matches()) {
      req.response().setStatusCode(404).end();
      return;
    }
    UnaryOperator<String> query = Percent.firstValues(req.query());
    if (!links.valid(
        file.substring(0, 64),
        query.apply("X-Outlet-Expires"),
        query.apply("X-Outlet-Signature"))) {
      req.response()
          .setStatusCode(403)
          .putHeader("Content-Type", "application/xml")
          .end(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                  + "<Message>Request has expired or its signature is not valid: ask GetFunction"
                  + " for a new link.</Message></Error>");
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
