package dev.outlet.runtimeapi;

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
    h.add("Lambda-Runtime-Aws-Request-Id", inv.requestId());
    h.add("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineEpochMillis()));
    h.add("Lambda-Runtime-Invoked-Function-Arn", inv.invokedFunctionArn());
    h.add("Lambda-Runtime-Trace-Id", inv.traceId());
    if (inv.clientContext() != null) {
      h.add("Lambda-Runtime-Client-Context", inv.clientContext());
    }
    // Always set: the Java runtime interface client crashes on a /next without Content-Type.
    h.add("Content-Type", "application/json");
    res.setStatusCode(200).end(Buffer.buffer(inv.payload()));
  }
}
