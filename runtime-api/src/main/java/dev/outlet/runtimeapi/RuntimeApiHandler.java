package dev.outlet.runtimeapi;

import dev.outlet.core.Limits;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.HeaderNames;
import dev.outlet.sandbox.ResponseStream;
import dev.outlet.sandbox.Sandbox;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Routes one sandbox's Runtime API requests (lambda-contract.md §1.2) to the sandbox and renders
 * its replies: exactly 200 for {@code /next}, exactly 202 for results, AWS's error bodies
 * otherwise.
 */
final class RuntimeApiHandler implements Handler<HttpServerRequest> {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String INVOCATION = PREFIX + "invocation/";
  private static final Buffer OK = Buffer.buffer("{\"status\":\"OK\"}");
  private static final byte[] EMPTY = new byte[0];

  private final Sandbox sandbox;
  private final ExtensionApiHandler extensions;

  RuntimeApiHandler(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.extensions = new ExtensionApiHandler(sandbox);
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    if (!path.startsWith(PREFIX) && ExtensionApiHandler.serves(path)) {
      extensions.handle(req);
      return;
    }
    if (path.startsWith(INVOCATION)) {
      String rest = path.substring(INVOCATION.length());
      if (rest.equals("next") && req.method() == HttpMethod.GET) {
        sandbox.next(inv -> NextRenderer.render(req.response(), inv));
        return;
      }
      int slash = rest.indexOf('/');
      if (slash > 0 && req.method() == HttpMethod.POST) {
        String requestId = rest.substring(0, slash);
        String action = rest.substring(slash + 1);
        if (action.equals("response")) {
          response(req, requestId);
          return;
        }
        if (action.equals("error")) {
          CappedBody.collect(
              req,
              Limits.RESPONSE_PAYLOAD,
              body -> reply(req.response(), sandbox.error(requestId, body.getBytes())),
              () -> tooLarge(req.response()));
          return;
        }
      }
    } else if (path.equals(PREFIX + "init/error") && req.method() == HttpMethod.POST) {
      String type = req.getHeader("Lambda-Runtime-Function-Error-Type");
      CappedBody.collect(
          req,
          Limits.RESPONSE_PAYLOAD,
          body -> reply(req.response(), sandbox.initError(body.getBytes(), ErrorTypes.of(type))),
          () -> tooLarge(req.response()));
      return;
    }
    req.response()
        .setStatusCode(404)
        .putHeader("Content-Type", "application/json")
        .end(ErrorBody.of("InvalidRequest", "Outlet does not serve " + req.method() + " " + path));
  }

  private void response(HttpServerRequest req, String requestId) {
    String mode = req.getHeader("Lambda-Runtime-Function-Response-Mode");
    if (mode != null && !mode.equalsIgnoreCase("streaming")) {
      req.response()
          .setStatusCode(400)
          .putHeader("Content-Type", "application/json")
          .end(ErrorBody.of("InvalidFunctionResponseMode", "Invalid function response mode"));
      return;
    }
    String contentType = req.getHeader("Content-Type");
    TrailerCapture trailers = mode == null ? null : TrailerCapture.on(req);
    ResponseStream stream = mode == null ? null : sandbox.streamOf(requestId);
    if (stream != null) {
      streamed(req, requestId, contentType, stream, trailers);
      return;
    }
    CappedBody.collect(
        req,
        Limits.RESPONSE_PAYLOAD,
        body -> reply(req.response(), ended(requestId, body.getBytes(), contentType, trailers)),
        () -> {
          sandbox.responseTooLarge(requestId);
          tooLarge(req.response(), Limits.RESPONSE_PAYLOAD);
        });
  }

  /**
   * A streamed response its caller reads as it comes: each chunk passed on as it arrives (the
   * runtime paused while the caller's side is full), at most {@link Limits#STREAMED_RESPONSE}.
   */
  private void streamed(
      HttpServerRequest req,
      String requestId,
      String contentType,
      ResponseStream stream,
      TrailerCapture trailers) {
    stream.begin(contentType == null ? "application/octet-stream" : contentType);
    long[] total = {0};
    req.handler(
        chunk -> {
          if (total[0] < 0) {
            return; // over the limit: the rest is dropped
          }
          total[0] += chunk.length();
          if (total[0] > Limits.STREAMED_RESPONSE) {
            total[0] = -1;
            sandbox.responseTooLarge(requestId, Limits.STREAMED_RESPONSE);
            tooLarge(req.response(), Limits.STREAMED_RESPONSE);
            return;
          }
          stream.write(chunk.getBytes());
          if (stream.full()) {
            req.pause();
            stream.whenDrained(req::resume);
          }
        });
    req.endHandler(
        v -> {
          if (total[0] >= 0) {
            reply(req.response(), ended(requestId, EMPTY, contentType, trailers));
          }
        });
  }

  /**
   * The end of a response: the error its trailers report when a streamed one failed after its first
   * bytes ({@code Lambda-Runtime-Function-Error-Type} and {@code -Body}, base64), else its bytes.
   */
  private Sandbox.Reply ended(
      String requestId, byte[] body, String contentType, TrailerCapture trailers) {
    byte[] error = trailers == null ? null : StreamedError.of(trailers.take());
    return error != null
        ? sandbox.error(requestId, error)
        : sandbox.respond(requestId, body, contentType);
  }

  private static void reply(HttpServerResponse res, Sandbox.Reply reply) {
    res.putHeader(HeaderNames.CONTENT_TYPE, HeaderNames.APPLICATION_JSON);
    switch (reply) {
      case ACCEPTED -> res.setStatusCode(202).end(OK);
      case INVALID_REQUEST_ID ->
          res.setStatusCode(400).end(ErrorBody.of("InvalidRequestID", "Invalid request ID"));
      case INVALID_STATE ->
          res.setStatusCode(403)
              .end(
                  ErrorBody.of(
                      "InvalidStateTransition",
                      "State transition from Ready to InvocationResponse failed for runtime."
                          + " Error: State transition is not allowed"));
    }
  }

  private static void tooLarge(HttpServerResponse res) {
    tooLarge(res, Limits.RESPONSE_PAYLOAD);
  }

  private static void tooLarge(HttpServerResponse res, long limit) {
    if (res.ended()) {
      return;
    }
    res.setStatusCode(413)
        .putHeader("Content-Type", "application/json")
        .end(
            ErrorBody.of(
                "RequestEntityTooLarge",
                "Exceeded maximum allowed payload size (" + limit + " bytes)."));
  }
}
