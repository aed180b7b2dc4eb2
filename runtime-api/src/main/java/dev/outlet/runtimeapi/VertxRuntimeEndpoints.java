package dev.outlet.runtimeapi;

import dev.outlet.edge.ClientTimeouts;
import dev.outlet.sandbox.NetNamespace;
import dev.outlet.sandbox.RuntimeEndpoint;
import dev.outlet.sandbox.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens one Runtime API listener per sandbox on an ephemeral loopback port. Thread-safe; {@link
 * #open} blocks until the port is bound, so call it off event loops.
 *
 * <p>Affinity: a sandbox is served on the event loop of the thread that asked for it when that
 * thread is one of Vert.x's event loops. The invocation that starts a sandbox, and under a steady
 * load most that follow on the same connection, then hand the event to the runtime's parked {@code
 * /next} and take its result back without waking another thread.
 *
 * <p>Each event loop keeps one listener bound ahead of time, handed to the next sandbox that asks
 * from that loop: binding one takes ~2 ms of a cold start otherwise (docs/architecture.md). Until
 * it is handed over, a spare answers 503 to anything that finds its port.
 */
public final class VertxRuntimeEndpoints implements RuntimeEndpoint.Factory {
  /** The Go and Java clients send an X-Ray cause header of up to 1 MiB. */
  static final int MAX_HEADERS = 2 * 1024 * 1024;

  private final Vertx vertx;
  private final String host;
  private final ClientTimeouts timeouts;
  private final Map<Thread, Context> loops;
  private final Map<Context, AtomicReference<Spare>> spares;

  /**
   * @param eventLoops how many event loops {@code vertx} has (its {@code eventLoopPoolSize})
   */
  public VertxRuntimeEndpoints(Vertx vertx, String host, int eventLoops) {
    this(vertx, host, eventLoops, ClientTimeouts.RUNTIME_API);
  }

  /**
   * @param timeouts how long a runtime may take over a request head (it may stay idle for as long
   *     as it likes: a parked {@code /next} or a keep-alive connection between invokes is not idle
   *     in any sense that matters here)
   */
  VertxRuntimeEndpoints(Vertx vertx, String host, int eventLoops, ClientTimeouts timeouts) {
    this.vertx = vertx;
    this.host = host;
    this.timeouts = timeouts;
    this.loops = contextsByThread(vertx, eventLoops);
    Map<Context, AtomicReference<Spare>> byLoop = new HashMap<>();
    for (Context loop : loops.values()) {
      byLoop.put(loop, new AtomicReference<>());
      prepare(loop, byLoop.get(loop));
    }
    this.spares = Map.copyOf(byLoop);
  }

  /**
   * The address of the spare listener of {@code loop}'s event loop, or null while none is bound.
   */
  String spareAddress(Thread loop) {
    Context home = loops.get(loop);
    Spare spare = home == null ? null : spares.get(home).get();
    return spare == null ? null : spare.address();
  }

  /** A listener bound ahead of time on one event loop, waiting for its sandbox. */
  private record Spare(HttpServer server, Deferred handler, String address) {}

  /** Answers 503 until it is given the sandbox's handler. */
  private static final class Deferred implements Handler<HttpServerRequest> {
    private volatile Handler<HttpServerRequest> target;

    @Override
    public void handle(HttpServerRequest req) {
      Handler<HttpServerRequest> t = target;
      if (t == null) {
        req.response().setStatusCode(503).end();
      } else {
        t.handle(req);
      }
    }
  }

  /** Binds the next spare of {@code loop}, on that loop, without waiting for it. */
  private void prepare(Context loop, AtomicReference<Spare> slot) {
    loop.runOnContext(
        v -> {
          Deferred handler = new Deferred();
          HttpServer server =
              timeouts.guard(vertx.createHttpServer(options())).requestHandler(handler);
          server
              .listen()
              .onSuccess(
                  bound -> {
                    Spare spare = new Spare(bound, handler, host + ":" + bound.actualPort());
                    if (!slot.compareAndSet(null, spare)) {
                      bound.close();
                    }
                  });
        });
  }

  /**
   * One context per event loop thread: contexts created off Vert.x threads take the event loops in
   * turn, so twice as many as there are loops reach each of them.
   */
  private static Map<Thread, Context> contextsByThread(Vertx vertx, int eventLoops) {
    Map<Thread, Context> found = new HashMap<>();
    for (int i = 0; i < 2 * eventLoops; i++) {
      Context context = vertx.getOrCreateContext();
      CompletableFuture<Thread> thread = new CompletableFuture<>();
      context.runOnContext(v -> thread.complete(Thread.currentThread()));
      found.putIfAbsent(thread.join(), context);
    }
    return Map.copyOf(found);
  }

  @Override
  public RuntimeEndpoint open(Sandbox sandbox, Thread near) {
    Context home = near == null ? null : loops.get(near);
    if (home != null) {
      AtomicReference<Spare> slot = spares.get(home);
      Spare spare = slot.getAndSet(null);
      if (spare != null) {
        spare.handler().target = new RuntimeApiHandler(sandbox);
        prepare(home, slot);
        return endpoint(spare.server(), spare.address());
      }
    }
    HttpServer server =
        timeouts
            .guard(vertx.createHttpServer(options()))
            .requestHandler(new RuntimeApiHandler(sandbox));
    CompletableFuture<HttpServer> bound = new CompletableFuture<>();
    if (home == null) {
      complete(server.listen(), bound);
    } else {
      home.runOnContext(v -> complete(server.listen(), bound)); // connections stay on this loop
    }
    bound.join();
    return endpoint(server, host + ":" + server.actualPort());
  }

  /**
   * The listener is made on this (launcher) thread while it is inside the sandbox's namespace: the
   * socket is created in the namespace of the thread that creates it, and Vert.x creates it in
   * {@code listen} for an IP-literal host. With {@code near}'s event loop made the current context
   * for that call, the listener's connections are served on that loop, as {@link #open(Sandbox,
   * Thread)}'s are.
   */
  @Override
  public RuntimeEndpoint open(Sandbox sandbox, Thread near, NetNamespace namespace)
      throws IOException {
    Context home = near == null ? null : loops.get(near);
    HttpServer server =
        vertx.createHttpServer(options()).requestHandler(new RuntimeApiHandler(sandbox));
    CompletableFuture<HttpServer> bound = new CompletableFuture<>();
    namespace.inside(
        () -> {
          if (home == null) {
            complete(server.listen(), bound);
          } else {
            ContextInternal loop = (ContextInternal) home;
            ContextInternal previous = loop.beginDispatch();
            try {
              complete(server.listen(), bound);
            } finally {
              loop.endDispatch(previous);
            }
          }
          return null;
        });
    try {
      bound.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IOException("cannot listen in the sandbox's network: " + e.getCause(), e);
    }
    return endpoint(server, host + ":" + server.actualPort());
  }

  /**
   * One listener per event loop inside {@code namespace}, each answering 503 until claimed: the
   * stub's sandbox is then served on the loop of the invocation that takes it, as a spare's is.
   */
  @Override
  public RuntimeEndpoint.Reservation reserve(NetNamespace namespace) throws IOException {
    Map<Context, Spare> made = new HashMap<>();
    Map<Context, CompletableFuture<HttpServer>> binding = new HashMap<>();
    try {
      listenInside(namespace, made, binding);
    } catch (IOException | RuntimeException e) {
      made.values().forEach(s -> s.server().close());
      throw e;
    }
    Map<Context, Spare> spares = new HashMap<>();
    try {
      for (Map.Entry<Context, CompletableFuture<HttpServer>> e : binding.entrySet()) {
        HttpServer server = e.getValue().join();
        Spare s = made.get(e.getKey());
        spares.put(e.getKey(), new Spare(server, s.handler(), host + ":" + server.actualPort()));
      }
    } catch (java.util.concurrent.CompletionException e) {
      made.values().forEach(s -> s.server().close());
      throw new IOException("cannot listen in the sandbox's network: " + e.getCause(), e);
    }
    return new Reserved(Map.copyOf(spares));
  }

  private void listenInside(
      NetNamespace namespace,
      Map<Context, Spare> made,
      Map<Context, CompletableFuture<HttpServer>> binding)
      throws IOException {
    namespace.inside(
        () -> {
          for (Context home : new java.util.LinkedHashSet<>(loops.values())) {
            Deferred handler = new Deferred();
            HttpServer server = vertx.createHttpServer(options()).requestHandler(handler);
            CompletableFuture<HttpServer> bound = new CompletableFuture<>();
            ContextInternal loop = (ContextInternal) home;
            ContextInternal previous = loop.beginDispatch();
            try {
              complete(server.listen(), bound);
            } finally {
              loop.endDispatch(previous);
            }
            binding.put(home, bound);
            made.put(home, new Spare(server, handler, null));
          }
          return null;
        });
  }

  /** A launch stub's listeners, one per event loop. */
  private final class Reserved implements RuntimeEndpoint.Reservation {
    private final Map<Context, Spare> spares;

    Reserved(Map<Context, Spare> spares) {
      this.spares = spares;
    }

    @Override
    public RuntimeEndpoint claim(Sandbox sandbox, Thread near) {
      Context home = near == null ? null : loops.get(near);
      Spare chosen = home == null ? null : spares.get(home);
      if (chosen == null) {
        chosen = spares.values().iterator().next();
      }
      for (Spare other : spares.values()) {
        if (other != chosen) {
          other.server().close();
        }
      }
      chosen.handler().target = new RuntimeApiHandler(sandbox);
      return endpoint(chosen.server(), chosen.address());
    }

    @Override
    public void close() {
      for (var spare : spares.values()) {
        try {
          spare.server().close();
        } catch (RejectedExecutionException e) {
          // Vert.x stopped first (the engine closes it before the launcher): its servers are gone
        }
      }
    }
  }

  private static RuntimeEndpoint endpoint(HttpServer server, String address) {
    return new RuntimeEndpoint() {
      @Override
      public String address() {
        return address;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  private HttpServerOptions options() {
    return timeouts.applyTo(
        new HttpServerOptions()
            .setHost(host)
            .setPort(0)
            .setMaxHeaderSize(MAX_HEADERS)
            .setMaxInitialLineLength(16 * 1024)
            .setIdleTimeout(0) // a parked /next waits as long as the sandbox is warm
            .setTcpNoDelay(true)
            .setHandle100ContinueAutomatically(true) // curl sends Expect for bodies over 1 MB
            .setReuseAddress(true));
  }

  private static void complete(Future<HttpServer> listening, CompletableFuture<HttpServer> bound) {
    listening.onComplete(
        ar -> {
          if (ar.succeeded()) {
            bound.complete(ar.result());
          } else {
            bound.completeExceptionally(ar.cause());
          }
        });
  }
}
