package dev.outlet.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.outlet.edge.HeaderNames;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.ResponseStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * InvokeWithResponseStream's answer as it is written: the head (200, the stream's content type, the
 * version that ran) when the function begins its response, a {@code PayloadChunk} event for each
 * piece of it, and the {@code InvokeComplete} event when the invocation ends. A function that
 * answers whole (not streaming) is sent as one chunk. The runtime's bytes come on its connection's
 * thread and the end on the invoker's, each after the other; the head is written once, under this
 * object's lock.
 */
final class StreamedInvokeResponse implements ResponseStream {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpServerResponse res;
  private final String requestId;
  private final CharSequence executedVersion;
  private boolean begun; // guarded by this
  private final dev.outlet.edge.DrainGate gate;

  StreamedInvokeResponse(HttpServerResponse res, String requestId, String executedVersion) {
    this.res = res;
    this.requestId = requestId;
    this.executedVersion = "$LATEST".equals(executedVersion) ? HeaderNames.LATEST : executedVersion;
    this.gate = new dev.outlet.edge.DrainGate(res);
  }

  @Override
  public synchronized void begin(String contentType) {
    if (!begun) {
      begun = true;
      res.setStatusCode(200)
          .setChunked(true)
          .putHeader(HeaderNames.CONTENT_TYPE, contentType)
          .putHeader(HeaderNames.EXECUTED_VERSION, executedVersion)
          .putHeader(HeaderNames.REQUEST_ID, requestId);
    }
  }

  @Override
  public synchronized void write(byte[] bytes) {
    // after the end (the function timed out while still writing) what comes is dropped
    if (!gate.gone() && !res.ended() && bytes.length > 0) {
      res.write(EventStreamFrames.payloadChunk(Buffer.buffer(bytes)));
    }
  }

  @Override
  public boolean full() {
    return gate.full();
  }

  @Override
  public void whenDrained(Runnable resume) {
    gate.whenDrained(resume);
  }

  /** The invocation ended with {@code o}: what was not streamed, then {@code InvokeComplete}. */
  synchronized void complete(InvokeOutcome o) {
    InvocationResult r = o.result();
    if (!begun) {
      begin(r.failed() || r.contentType() == null ? "application/octet-stream" : r.contentType());
      if (!r.failed()) {
        write(r.body()); // a function that answered whole
      }
    }
    if (gate.gone() || res.ended()) {
      return;
    }
    String code = r.failed() ? errorType(r) : null;
    String details = r.failed() ? new String(r.body(), StandardCharsets.UTF_8) : null;
    res.end(EventStreamFrames.invokeComplete(code, details, o.logResult()));
  }

  /** Whether the head was written (an error after it can only end the stream). */
  synchronized boolean begun() {
    return begun;
  }

  /** The failure's error type: the platform's, or the one the function's error document names. */
  static String errorType(InvocationResult r) {
    if (r instanceof InvocationResult.Failure f) {
      return f.errorType();
    }
    try (JsonParser p = JSON.createParser(r.body())) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if ("errorType".equals(name) && value == JsonToken.VALUE_STRING) {
            return p.getText();
          }
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      // not a JSON document: Unhandled, as Invoke's X-Amz-Function-Error says
    }
    return "Unhandled";
  }
}
