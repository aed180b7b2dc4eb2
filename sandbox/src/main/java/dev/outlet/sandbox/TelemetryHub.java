package dev.outlet.sandbox;

import dev.outlet.core.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Telemetry API of one sandbox: the subscriptions its extensions made ({@code PUT
 * /2022-07-01/telemetry}, or the older Logs API's {@code PUT /2020-08-15/logs}) and their buffers,
 * delivered by HTTP POST to each extension's listener as JSON arrays of events in AWS's schema
 * ({@code {"time":...,"type":"platform.start","record":{...}}}, {@code "type":"function"} with the
 * line as record). Events from before the first subscription (init) are kept, up to {@value
 * #EARLY}, and given to the subscriptions made during init, as Lambda does.
 *
 * <p>Thread-safe: one lock per hub; a subscription has at most one POST in flight, so its batches
 * arrive in order. Timers and socket creation run on one shared platform thread (a socket inside
 * the sandbox's network namespace is made on a platform thread, see {@link NetNamespace}); the
 * POSTs themselves on virtual threads.
 */
public final class TelemetryHub {
  static final int EARLY = 1000;

  /** Most events a subscription holds while its listener is slow; the oldest go first. */
  static final int QUEUE_LIMIT = 10_000;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "outlet-telemetry");
            t.setDaemon(true);
            return t;
          });

  /** Which API a subscription came through: the event schemas differ slightly. */
  public enum Api {
    TELEMETRY,
    LOGS
  }

  /**
   * One extension's subscription.
   *
   * @param port the listener's port inside the sandbox (its host is the sandbox's own)
   * @param path the URI's path
   * @param types {@code platform}, {@code function}, {@code extension}
   */
  public record Subscription(
      String extension,
      Api api,
      int port,
      String path,
      Set<String> types,
      int maxItems,
      int maxBytes,
      int timeoutMs) {}

  private record Event(String kind, String json) {}

  private final Supplier<NetNamespace> namespace;
  private final List<Queue> queues = new ArrayList<>();
  private ArrayDeque<Event> early = new ArrayDeque<>();
  private boolean closed;
  private volatile boolean listening = true; // init, or any subscription
  private volatile boolean functionLines = true; // init, or a subscription to function lines

  /**
   * @param namespace the sandbox's network namespace, or null while it shares Outlet's
   */
  TelemetryHub(Supplier<NetNamespace> namespace) {
    this.namespace = namespace;
  }

  /** Adds or replaces {@code s.extension()}'s subscription through {@code s.api()}. */
  public void subscribe(Subscription s) {
    synchronized (this) {
      queues.removeIf(
          q -> q.subscription.extension().equals(s.extension()) && q.subscription.api() == s.api());
      Queue q = new Queue(s);
      if (early != null) {
        for (Event e : early) {
          q.offer(e);
        }
      }
      queues.add(q);
      listening = true;
      functionLines |= s.types().contains("function");
    }
  }

  /** Init is over: events no longer wait for subscriptions to come. */
  synchronized void initOver() {
    early = null;
    listening = !queues.isEmpty();
    functionLines = false;
    for (Queue q : queues) {
      functionLines |= q.subscription.types().contains("function");
    }
  }

  /** Whether platform events are wanted (building them is skipped otherwise). */
  boolean listening() {
    return listening;
  }

  /** A platform event, in the Telemetry API's schema (a JSON object); null is ignored. */
  void platform(String json) {
    if (json != null) {
      add(new Event("platform", json));
    }
  }

  /** One line the function printed. */
  void function(String line, long epochMillis) {
    StringBuilder b = new StringBuilder(line.length() + 64).append("{\"time\":\"");
    b.append(TIME.format(Instant.ofEpochMilli(epochMillis))).append("\",\"type\":\"function\",");
    b.append("\"record\":\"");
    Json.appendEscaped(b, line).append("\"}");
    add(new Event("function", b.toString()));
  }

  /** Whether anything listens for function lines (the log pump skips the work otherwise). */
  boolean wantsFunctionLines() {
    return functionLines;
  }

  private void add(Event e) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (early != null && early.size() < EARLY) {
        early.add(e);
      }
      for (Queue q : queues) {
        q.offer(e);
      }
    }
  }

  /** Sends what is buffered now and stops taking events. */
  void close() {
    synchronized (this) {
      closed = true;
      listening = false;
      functionLines = false;
      for (Queue q : queues) {
        q.flushSoon(0);
      }
    }
  }

  /** One subscription's buffer. Guarded by the hub's lock. */
  private final class Queue {
    final Subscription subscription;
    final ArrayDeque<String> events = new ArrayDeque<>();
    long bytes;
    boolean inFlight;
    ScheduledFuture<?> timer;

    Queue(Subscription subscription) {
      this.subscription = subscription;
    }

    void offer(Event e) {
      if (!subscription.types().contains(e.kind())) {
        return;
      }
      String json = subscription.api() == Api.LOGS ? LogsApiSchema.of(e.json()) : e.json();
      if (json == null) {
        return;
      }
      if (events.size() == QUEUE_LIMIT) {
        bytes -= events.poll().length();
      }
      events.add(json);
      bytes += json.length();
      if (events.size() >= subscription.maxItems() || bytes >= subscription.maxBytes()) {
        flushSoon(0);
      } else {
        flushSoon(subscription.timeoutMs());
      }
    }

    void flushSoon(long delayMs) {
      if (inFlight || events.isEmpty()) {
        return;
      }
      if (timer != null) {
        if (delayMs > 0) {
          return; // the earlier timer fires first
        }
        timer.cancel(false);
      }
      timer = TIMERS.schedule(this::flush, delayMs, TimeUnit.MILLISECONDS);
    }

    private void flush() {
      String body;
      synchronized (TelemetryHub.this) {
        timer = null;
        if (inFlight || events.isEmpty()) {
          return;
        }
        StringBuilder b = new StringBuilder("[");
        int n = 0;
        long size = 0;
        while (!events.isEmpty()
            && n < subscription.maxItems()
            && (n == 0 || size + events.peek().length() <= subscription.maxBytes())) {
          String e = events.poll();
          if (n++ > 0) {
            b.append(',');
          }
          b.append(e);
          size += e.length();
        }
        bytes -= size;
        body = b.append(']').toString();
        inFlight = true;
      }
      TelemetryPost post;
      try {
        post = TelemetryPost.open(namespace.get(), subscription.port(), subscription.path());
      } catch (java.io.IOException | RuntimeException e) {
        done();
        return;
      }
      Thread.ofVirtual()
          .name("outlet-telemetry-post")
          .start(
              () -> {
                post.send(body);
                done();
              });
    }

    private void done() {
      synchronized (TelemetryHub.this) {
        inFlight = false;
        flushSoon(
            events.size() >= subscription.maxItems() || closed ? 0 : subscription.timeoutMs());
      }
    }
  }
}
