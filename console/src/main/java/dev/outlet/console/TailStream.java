package dev.outlet.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outlet.cloudwatch.FilterPattern;
import dev.outlet.cloudwatch.InvalidPatternException;
import dev.outlet.telemetry.LogTail;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /api/tail}: a log group's events as server-sent events, as they are appended, filtered
 * with a CloudWatch filter pattern. The appending thread only matches and queues (at most {@link
 * #MAX_PENDING} lines; past that they are counted as dropped and the page is told); the request's
 * event loop writes what is queued every {@link #FLUSH_MILLIS} ms, so a line reaches the page well
 * within a second and a busy function costs one write per flush, not one per line.
 */
final class TailStream {
  static final int MAX_PENDING = 2_000;
  static final long FLUSH_MILLIS = 100;
  static final long KEEPALIVE_MILLIS = 15_000;

  /** One event, as the page reads it. */
  record Line(long timestamp, String logStreamName, String message) {}

  /** Lines the page did not get because it could not keep up. */
  record Dropped(long dropped) {}

  private final LogTail tail;

  TailStream(LogTail tail) {
    this.tail = tail;
  }

  void handle(HttpServerRequest req, String group, String pattern) {
    FilterPattern filter;
    try {
      filter = FilterPattern.parse(pattern);
    } catch (InvalidPatternException e) {
      Replies.error(
          req.response(),
          400,
          "InvalidParameterException",
          "Invalid filter pattern: " + e.getMessage());
      return;
    }
    HttpServerResponse res = req.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .write("retry: 2000\n: tail of " + group.replace('\n', ' ') + "\n\n");
    ConcurrentLinkedQueue<Line> pending = new ConcurrentLinkedQueue<>();
    AtomicInteger queued = new AtomicInteger();
    AtomicLong dropped = new AtomicLong();
    LogTail.Subscription sub =
        tail.subscribe(
            group,
            (stream, ts, message) -> {
              if (!filter.matches(message)) {
                return;
              }
              if (queued.incrementAndGet() > MAX_PENDING) {
                queued.decrementAndGet();
                dropped.incrementAndGet();
                return;
              }
              pending.add(new Line(ts, stream, message));
            });
    Vertx vertx = Vertx.currentContext().owner();
    long[] quietFor = {0};
    long timer =
        vertx.setPeriodic(
            FLUSH_MILLIS,
            id -> {
              Buffer out = Buffer.buffer();
              for (Line l = pending.poll(); l != null; l = pending.poll()) {
                queued.decrementAndGet();
                event(out, l);
              }
              long lost = dropped.getAndSet(0);
              if (lost > 0) {
                out.appendString("event: dropped\n");
                event(out, new Dropped(lost));
              }
              quietFor[0] = out.length() == 0 ? quietFor[0] + FLUSH_MILLIS : 0;
              if (quietFor[0] >= KEEPALIVE_MILLIS) {
                quietFor[0] = 0;
                out.appendString(": keepalive\n\n");
              }
              if (out.length() > 0 && !res.closed() && !res.ended()) {
                if (res.writeQueueFull()) {
                  dropped.addAndGet(countLines(out));
                } else {
                  res.write(out);
                }
              }
            });
    res.closeHandler(
        v -> {
          sub.close();
          vertx.cancelTimer(timer);
        });
  }

  private static void event(Buffer out, Object value) {
    try {
      out.appendString("data: ")
          .appendBytes(Replies.JSON.writeValueAsBytes(value))
          .appendString("\n\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long countLines(Buffer out) {
    String s = out.toString();
    long n = 0;
    for (int i = s.indexOf("data: "); i >= 0; i = s.indexOf("data: ", i + 1)) {
      n++;
    }
    return n;
  }
}
