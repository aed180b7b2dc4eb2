package dev.outlet.runtimeapi;

import dev.outlet.edge.HeaderNames;
import dev.outlet.sandbox.Invocation;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Renders an event as the answer to {@code GET /next} (lambda-contract.md §1.3). */
final class NextRenderer {
  private NextRenderer() {}

  static void render(HttpServerResponse res, Invocation inv) {
    if (res.ended() || res.closed()) {
      return;
    }
    MultiMap h = res.headers();
    h.add(HeaderNames.RUNTIME_REQUEST_ID, inv.requestId());
    h.add(HeaderNames.RUNTIME_DEADLINE, Long.toString(inv.deadlineEpochMillis()));
    h.add(HeaderNames.RUNTIME_FUNCTION_ARN, inv.invokedFunctionArn());
    h.add(HeaderNames.RUNTIME_TRACE_ID, inv.traceId());
    if (inv.clientContext() != null) {
      h.add(HeaderNames.RUNTIME_CLIENT_CONTEXT, inv.clientContext());
    }
    // Always set: the Java runtime interface client crashes on a /next without Content-Type.
    h.add(HeaderNames.CONTENT_TYPE, HeaderNames.APPLICATION_JSON);
    res.setStatusCode(200).end(Buffer.buffer(inv.payload()));
  }
}
