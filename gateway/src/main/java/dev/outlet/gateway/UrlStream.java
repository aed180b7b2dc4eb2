package dev.outlet.gateway;

import dev.outlet.sandbox.ResponseStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * A Function URL's answer in {@code RESPONSE_STREAM} mode, written as the function streams it: a
 * response described by a prelude ({@code awslambda.HttpResponseStream.from}: status, headers and
 * cookies, then eight NUL bytes) gets that head; any other gets 200 and the stream's content type.
 * The body follows chunk by chunk (the runtime paused while the caller's side is full). A function
 * that answers whole never begins a stream: the front then answers as in {@code BUFFERED} mode. The
 * runtime's bytes come on its connection's thread, in order; the end on the invoker's.
 */
final class UrlStream implements ResponseStream {
  static final String PRELUDE_TYPE = "application/vnd.awslambda.http-integration-response";

  private final HttpServerResponse res;
  private final Map<String, String> extraHeaders; // x-amzn-RequestId and CORS
  private PreludeSplitter prelude; // while a prelude is coming
  private boolean begun; // the runtime began a stream
  private boolean headWritten;
  private boolean malformed;
  private final dev.outlet.edge.DrainGate gate;

  UrlStream(HttpServerResponse res, Map<String, String> extraHeaders) {
    this.res = res;
    this.extraHeaders = extraHeaders;
    this.gate = new dev.outlet.edge.DrainGate(res);
  }

  @Override
  public synchronized void begin(String contentType) {
    begun = true;
    if (PRELUDE_TYPE.equals(contentType)) {
      prelude = new PreludeSplitter();
      return;
    }
    head(200, Map.of("Content-Type", contentType).entrySet());
  }

  @Override
  public synchronized void write(byte[] bytes) {
    if (malformed || gone()) {
      return;
    }
    if (prelude == null) {
      body(bytes);
      return;
    }
    try {
      PreludeSplitter.Split split = prelude.feed(bytes);
      if (split == null) {
        return;
      }
      prelude = null;
      ProxyResponse p = ProxyResponse.prelude(split.prelude());
      if (!head(p.status(), p.headers())) {
        malformed = true;
        return;
      }
      body(split.rest());
    } catch (ProxyResponse.Malformed e) {
      malformed = true;
    }
  }

  @Override
  public boolean full() {
    return !gone() && gate.full();
  }

  @Override
  public void whenDrained(Runnable resume) {
    gate.whenDrained(resume);
  }

  /** Whether the runtime began a stream (else its answer is whole, for the buffered path). */
  synchronized boolean begun() {
    return begun;
  }

  /**
   * The invocation ended: the stream is closed, or cut ({@code failed}: a failure after the head
   * leaves a truncated body, which the connection's reset tells the caller). A stream whose head
   * never came (a prelude unended or malformed, or a failure first) gets the URL's 502.
   */
  synchronized void end(boolean failed) {
    if (gone()) {
      return;
    }
    if (!headWritten) {
      FrontReplies.urlFunctionError(res);
    } else if (failed || malformed) {
      res.reset();
    } else {
      res.end();
    }
  }

  private boolean head(int status, Iterable<Map.Entry<String, String>> headers) {
    try {
      for (Map.Entry<String, String> h : headers) {
        if (!h.getKey().equalsIgnoreCase("content-length")
            && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
          res.headers().add(h.getKey(), h.getValue());
        }
      }
    } catch (IllegalArgumentException e) {
      res.headers().clear();
      return false; // a header that cannot go on the wire
    }
    extraHeaders.forEach(res::putHeader);
    res.setStatusCode(status).setChunked(true);
    headWritten = true;
    return true;
  }

  private void body(byte[] bytes) {
    if (bytes.length > 0 && !gone()) {
      res.write(Buffer.buffer(bytes));
    }
  }

  private boolean gone() {
    return res.ended() || res.closed();
  }
}
