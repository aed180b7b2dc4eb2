package dev.outlet.registry;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a request's body into an {@link Upload} without holding it in memory or blocking the
 * event loop: the loop only queues the chunks (pausing the request while more than {@link #HIGH}
 * bytes wait), one virtual thread writes and hashes them. The cap is enforced while the bytes
 * stream (the rest is discarded). The returned future completes when the whole body is written, or
 * fails with TOO_LARGE, with {@link Interrupted} when the connection closed or went silent for
 * {@link #SILENCE_SECONDS}, or with the write's I/O error.
 */
final class BodyPump {
  static final long HIGH = 4L << 20;
  static final long LOW = 1L << 20;
  static final long SILENCE_SECONDS = 120;

  private static final Object END = new Object();
  private static final Object ABORT = new Object();
  private static final Object OVER = new Object();

  /** The body did not arrive whole. */
  static final class Interrupted extends Exception {
    private static final long serialVersionUID = 1L;

    Interrupted(String why) {
      super(why, null, false, false);
    }
  }

  private BodyPump() {}

  /**
   * Starts pumping {@code req} (paused by the caller, on its event loop) into {@code upload};
   * resumes it.
   */
  static CompletableFuture<Void> into(
      HttpServerRequest req, Upload upload, long cap, Executor blocking) {
    Context context = Vertx.currentContext();
    LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    AtomicLong pending = new AtomicLong();
    AtomicBoolean paused = new AtomicBoolean();
    AtomicBoolean dropping = new AtomicBoolean();
    long[] received = {upload.size()};
    CompletableFuture<Void> done = new CompletableFuture<>();
    req.handler(
        chunk -> {
          if (dropping.get()) {
            return;
          }
          received[0] += chunk.length();
          if (received[0] > cap) {
            dropping.set(true);
            queue.add(OVER);
            return;
          }
          queue.add(chunk);
          if (pending.addAndGet(chunk.length()) > HIGH && paused.compareAndSet(false, true)) {
            req.pause();
            if (pending.get() < LOW && paused.compareAndSet(true, false)) {
              req.resume(); // the writer drained everything meanwhile
            }
          }
        });
    req.endHandler(v -> queue.add(END));
    req.exceptionHandler(t -> queue.add(ABORT));
    req.response().closeHandler(v -> queue.add(ABORT));
    blocking.execute(
        () -> {
          try {
            while (true) {
              Object next = queue.poll(SILENCE_SECONDS, TimeUnit.SECONDS);
              if (next == null || next == ABORT) {
                throw new Interrupted(next == null ? "the client went silent" : "closed");
              }
              if (next == END) {
                done.complete(null);
                return;
              }
              if (next == OVER) {
                throw new RegistryError(
                    RegistryError.Code.TOO_LARGE,
                    "the blob is larger than the " + cap + " bytes a layer may hold");
              }
              Buffer chunk = (Buffer) next;
              upload.write(chunk.getBytes());
              if (pending.addAndGet(-chunk.length()) < LOW && paused.compareAndSet(true, false)) {
                context.runOnContext(v -> req.resume());
              }
            }
          } catch (Throwable t) {
            dropping.set(true);
            queue.clear();
            context.runOnContext(v -> req.resume()); // let the rest drain, discarded
            done.completeExceptionally(t);
          }
        });
    req.resume();
    return done;
  }
}
