package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Caller;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.HeaderNames;
import dev.outlet.edge.Percent;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invocations;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.sandbox.InvocationResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * {@code POST /2015-03-31/functions/{fn}/invocations} (lambda-contract.md §2.5): the hot path. Runs
 * on the event loop and never blocks: the name resolves from memory, the payload stays opaque bytes
 * (only its first significant byte is checked), and the response is written when the invoker's
 * future completes.
 */
final class InvokeHandler {
  private static final byte[] EMPTY_EVENT = "{}".getBytes(StandardCharsets.US_ASCII);

  /** Payloads up to this size are checked on the event loop (tens of microseconds at most). */
  private static final int CHECK_ON_LOOP_BYTES = 64 * 1024;

  private final FunctionRegistry registry;
  private final Invocations invoker;
  private final EventQueue events;
  private final Executor blocking;
  private final RequestVerifier verifier;
  private final Authorizer authorizer;

  InvokeHandler(
      FunctionRegistry registry,
      Invocations invoker,
      EventQueue events,
      Executor blocking,
      RequestVerifier verifier,
      Authorizer authorizer) {
    this.authorizer = authorizer;
    this.registry = registry;
    this.invoker = invoker;
    this.events = events;
    this.blocking = blocking;
    this.verifier = verifier;
  }

  /**
   * Serves one Invoke. Without verification the request is checked and resolved first and the body
   * collected last; with it, the body is collected first (its hash is signed) and the signature
   * checked before anything else is looked at, so an unsigned caller learns nothing, not even
   * whether the function exists.
   */
  void handle(
      HttpServerRequest req,
      String fn,
      String requestId,
      Account account,
      RequestIdentity identity,
      Kind kind) {
    boolean legacyAsync = kind == Kind.ASYNC;
    boolean event = legacyAsync || "Event".equals(req.getHeader("X-Amz-Invocation-Type"));
    if (verifier == RequestVerifier.ACCEPT_ALL) {
      Prepared p = prepare(req, fn, account, kind);
      collect(req, requestId, event, body -> run(req, requestId, p, body));
      return;
    }
    collect(
        req,
        requestId,
        event,
        body -> {
          Caller caller = verifier.verify(AwsEdge.head(req), identity, body.getBytes());
          authorize(req, caller, fn, account);
          run(req, requestId, prepare(req, fn, account, kind), body);
        });
  }

  /**
   * {@code lambda:InvokeFunction} on the function as the caller named it (qualified when it named a
   * version or alias), decided before Outlet says whether the function exists.
   */
  private void authorize(HttpServerRequest req, Caller caller, String fn, Account account) {
    if (authorizer == Authorizer.ALLOW_ALL) {
      return;
    }
    String resource =
        FunctionRef.resourceArn(fn, Percent.firstValues(req.query()).apply("Qualifier"), account);
    if (authorizer.decide(
            caller, new Access("lambda:InvokeFunction", resource), AwsEdge.sourceIp(req))
        instanceof Authorizer.Verdict.Denied denied) {
      throw new LambdaException(ErrorCode.ACCESS_DENIED, denied.message());
    }
  }

  /** Which of the three invoke operations a request is. */
  enum Kind {
    /** Invoke. */
    INVOKE,
    /** The deprecated InvokeAsync: an Event invocation answering {@code {"Status":202}}. */
    ASYNC,
    /** InvokeWithResponseStream: the answer in event stream frames, streamed as it comes. */
    STREAM
  }

  /** What the head of an Invoke says, checked. */
  private record Prepared(
      String name,
      Deployed function,
      String type,
      boolean tail,
      String clientContext,
      String arn,
      Kind kind) {
    boolean event() {
      return "Event".equals(type);
    }

    boolean legacyAsync() {
      return kind == Kind.ASYNC;
    }
  }

  private Prepared prepare(HttpServerRequest req, String fn, Account account, Kind kind) {
    boolean legacyAsync = kind == Kind.ASYNC;
    String qualifier = Percent.firstValues(req.query()).apply("Qualifier");
    Qualifiers.Target target = Qualifiers.target(fn, qualifier, account, registry, true);
    String name = target.name();
    Deployed d = routed(target);
    String type = legacyAsync ? "Event" : req.getHeader("X-Amz-Invocation-Type");
    boolean event = "Event".equals(type);
    if (kind == Kind.STREAM
        && type != null
        && !type.equals("RequestResponse")
        && !type.equals("DryRun")) {
      throw LambdaException.validation(
          type, "invocationType", "Member must satisfy enum value set: [RequestResponse, DryRun]");
    }
    if (type != null && !event && !type.equals("RequestResponse") && !type.equals("DryRun")) {
      throw LambdaException.validation(
          type,
          "invocationType",
          "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }
    boolean tail = "Tail".equals(req.getHeader("X-Amz-Log-Type")) && !event;
    String clientContext = clientContext(req.getHeader("X-Amz-Client-Context"));
    return new Prepared(name, d, type, tail, clientContext, target.arn(account), kind);
  }

  /** The version an invocation runs: an alias's routing is decided here, per invocation. */
  private Deployed routed(Qualifiers.Target target) {
    if (target.alias() == null || target.alias().weights().isEmpty()) {
      return target.deployed();
    }
    return registry.invocable(target.name() + ":" + target.qualifier()).orElse(target.deployed());
  }

  private static void collect(
      HttpServerRequest req, String requestId, boolean event, Consumer<Buffer> then) {
    CappedBody.collect(
        req,
        event ? Limits.ASYNC_PAYLOAD : Limits.SYNC_PAYLOAD,
        body -> {
          try {
            then.accept(body);
          } catch (RuntimeException e) {
            ErrorResponses.send(req.response(), requestId, e);
          }
        },
        () -> ErrorResponses.send(req.response(), requestId, tooLarge(event, req)));
  }

  private void run(HttpServerRequest req, String requestId, Prepared p, Buffer body) {
    if (body.length() > CHECK_ON_LOOP_BYTES) {
      // a large payload is checked on a virtual thread, and the invocation goes on on this loop
      io.vertx.core.Context loop = io.vertx.core.Vertx.currentContext();
      java.util.concurrent.CompletableFuture.supplyAsync(() -> payload(body), blocking)
          .whenComplete(
              (payload, error) ->
                  loop.runOnContext(
                      v -> {
                        if (error != null) {
                          ErrorResponses.send(req.response(), requestId, error);
                          return;
                        }
                        try {
                          run(req, requestId, p, payload);
                        } catch (RuntimeException e) {
                          ErrorResponses.send(req.response(), requestId, e);
                        }
                      }));
      return;
    }
    run(req, requestId, p, payload(body));
  }

  private void run(HttpServerRequest req, String requestId, Prepared p, byte[] payload) {
    if ("DryRun".equals(p.type())) {
      req.response().setStatusCode(204).putHeader("x-amzn-RequestId", requestId).end();
      return;
    }
    InvokeRequest ir = new InvokeRequest(requestId, payload, p.arn(), p.clientContext(), p.tail());
    if (p.event()) {
      // 202 once the event is on disk (journaled on a virtual thread, not this loop)
      String version = p.function().spec().version();
      // journaled with the version decided now, so a restart runs the same one
      String target = version.equals("$LATEST") ? p.name() : p.name() + ":" + version;
      events
          .accept(target, () -> registry.invocable(target).map(Deployed::spec), ir, blocking)
          .whenComplete(
              (v, error) -> {
                if (error != null) {
                  ErrorResponses.send(req.response(), requestId, error);
                } else if (p.legacyAsync()) {
                  // InvokeAsync (deprecated) answers its status in the body
                  req.response()
                      .setStatusCode(202)
                      .putHeader("x-amzn-RequestId", requestId)
                      .putHeader("Content-Type", "application/json")
                      .end("{\"Status\":202}");
                } else {
                  req.response().setStatusCode(202).putHeader("x-amzn-RequestId", requestId).end();
                }
              });
      return;
    }
    if (p.kind() == Kind.STREAM) {
      stream(req, requestId, p, ir);
      return;
    }
    invoker
        .invoke(p.function().spec(), ir)
        .whenComplete(
            (outcome, error) -> {
              if (error != null) {
                ErrorResponses.send(req.response(), requestId, error);
              } else {
                respond(req.response(), outcome);
              }
            });
  }

  /**
   * InvokeWithResponseStream: the function's response in event stream frames as it comes. A refusal
   * before the function begins (a throttle, a failed start) is an ordinary error answer.
   */
  private void stream(HttpServerRequest req, String requestId, Prepared p, InvokeRequest whole) {
    StreamedInvokeResponse out =
        new StreamedInvokeResponse(req.response(), requestId, p.function().spec().version());
    InvokeRequest ir =
        new InvokeRequest(
            requestId,
            whole.payload(),
            whole.invokedFunctionArn(),
            whole.clientContext(),
            whole.tail(),
            out);
    invoker
        .invoke(p.function().spec(), ir)
        .whenComplete(
            (outcome, error) -> {
              if (error == null) {
                out.complete(outcome);
              } else if (!out.begun()) {
                ErrorResponses.send(req.response(), requestId, error);
              } else {
                req.response().reset(); // no frame can say it now
              }
            });
  }

  private static void respond(HttpServerResponse res, InvokeOutcome o) {
    InvocationResult r = o.result();
    String version = o.executedVersion();
    res.setStatusCode(200)
        .putHeader(HeaderNames.CONTENT_TYPE, HeaderNames.APPLICATION_JSON)
        .putHeader(
            HeaderNames.EXECUTED_VERSION, "$LATEST".equals(version) ? HeaderNames.LATEST : version)
        .putHeader(HeaderNames.REQUEST_ID, o.requestId());
    if (r.failed()) {
      res.putHeader("X-Amz-Function-Error", "Unhandled");
    }
    if (o.logResult() != null) {
      res.putHeader("X-Amz-Log-Result", o.logResult());
    }
    res.end(Buffer.buffer(r.body()));
  }

  private static LambdaException tooLarge(boolean event, HttpServerRequest req) {
    if (!event) {
      return LambdaException.tooLarge(
          "Request must be smaller than "
              + Limits.SYNC_PAYLOAD
              + " bytes for the InvokeFunction operation");
    }
    String length = req.getHeader("Content-Length");
    return LambdaException.tooLarge(
        (length != null ? length : "More than " + Limits.ASYNC_PAYLOAD)
            + " byte payload is too large for the Event invocation type (limit "
            + Limits.ASYNC_PAYLOAD
            + " bytes)");
  }

  /**
   * The payload bytes; an empty body is the event {@code {}}. Checked to be one JSON value by
   * streaming its tokens; never parsed into a tree.
   */
  static byte[] payload(Buffer body) {
    if (body.length() == 0) {
      return EMPTY_EVENT;
    }
    byte[] bytes = body.getBytes();
    JsonPayload.check(bytes);
    return bytes;
  }

  private static String clientContext(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    if (header.length() > 3583) {
      throw LambdaException.invalidParameter(
          "Client context must be smaller than 3583 bytes when base64-encoded.");
    }
    try {
      return new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LambdaException.invalidParameter(
          "Client context must be a valid Base64-encoded JSON object.");
    }
  }
}
