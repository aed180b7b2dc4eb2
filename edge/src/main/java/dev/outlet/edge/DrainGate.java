package dev.outlet.edge;

import io.vertx.core.http.HttpServerResponse;

/**
 * The pause of a function's runtime while the reader of its streamed response cannot take more: a
 * stream's writer (InvokeWithResponseStream, a {@code RESPONSE_STREAM} Function URL, the peer hop)
 * asks {@link #full} after each write and hands its resume to {@link #whenDrained}, which runs it
 * once the response's write queue drains, or at once when the reader closes its connection (the
 * rest is then dropped: the function runs on, as on Lambda). One per response; the resume may be
 * set on the runtime connection's thread and run on the response's.
 */
public final class DrainGate {
  private final HttpServerResponse res;
  private volatile boolean gone; // the reader closed the connection
  private volatile Runnable paused;

  /** Watches {@code res}: its close handler is the gate's. */
  public DrainGate(HttpServerResponse res) {
    this.res = res;
    res.closeHandler(
        v -> {
          gone = true;
          resume();
        });
  }

  /** Whether the reader closed its connection. */
  public boolean gone() {
    return gone;
  }

  /** Whether the reader cannot take more now. */
  public boolean full() {
    return !gone && res.writeQueueFull();
  }

  /** Runs {@code resume} once the reader can take more (or has gone). */
  public void whenDrained(Runnable resume) {
    paused = resume;
    res.drainHandler(v -> resume());
  }

  private void resume() {
    Runnable r = paused;
    paused = null;
    if (r != null) {
      r.run();
    }
  }
}
