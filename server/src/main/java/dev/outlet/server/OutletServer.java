package dev.outlet.server;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.FunctionService;
import dev.outlet.api.LambdaApi;
import dev.outlet.cloudwatch.LogsApi;
import dev.outlet.core.Account;
import dev.outlet.gateway.Gateway;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invoker;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.invoke.SqliteEventJournal;
import dev.outlet.local.events.Schedules;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.api.MetricsHttp;
import dev.outlet.runtimeapi.VertxRuntimeEndpoints;
import dev.outlet.runtimes.ManagedRuntimes;
import dev.outlet.sandbox.DirectLauncher;
import dev.outlet.sandbox.Protections;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.Userland;
import dev.outlet.storage.EntrypointInspector;
import dev.outlet.storage.SqliteFunctionRepository;
import dev.outlet.storage.ZipCodeStore;
import dev.outlet.telemetry.SqliteLogStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Outlet: storage, the sandbox pool, the invoker and the HTTP listener, wired with plain
 * constructors. {@link #start} returns once the endpoint accepts requests; {@link #close} stops
 * every sandbox, then the listener, then flushes and closes the stores. Thread-safe to close once.
 */
public final class OutletServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutletServer.class);

  /** Two loops measured best on two cores at 64 connections; one is better at one (bench/). */
  private static final int EVENT_LOOPS = 2;

  private final Vertx vertx;
  private final HttpServer http;
  private final SandboxPool pool;
  private final SqliteLogStore logs;
  private final LambdaMetrics metrics;
  private final SqliteFunctionRepository repository;
  private final SqliteEventJournal journal;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService launchers;
  private final ExecutorService blocking;
  private final String endpoint;
  private final FunctionRegistry registry;
  private final int loaded;
  private final Protections protections;
  private final DirectLauncher launcher;
  private final ManagedRuntimes runtimes;
  private Schedules schedules;
  private final Gateway gateway;
  private final HttpServer https;
  private final String httpsEndpoint;
  private final TlsMaterial tls;

  private OutletServer(ServerConfig config, HttpsSettings httpsSettings) throws IOException {
    Path data = config.dataDir();
    Files.createDirectories(data);
    Path scratch = data.resolve("sandboxes");
    SandboxScratch.sweep(scratch);
    protections =
        config.isolation()
            ? Protections.probe(
                config.bwrap(), Protections.DEFAULT_CGROUP_ROOT, Protections.DEFAULT_QEMU)
            : Protections.none();
    try {
      runtimes =
          ManagedRuntimes.start(
              data.resolve("runtimes"),
              config.startupCaches() ? data.resolve("caches") : null,
              config.runtimes());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    timers = new ScheduledThreadPoolExecutor(1, daemon("outlet-timer"));
    timers.setRemoveOnCancelPolicy(true);
    // Fixed platform threads that live as long as Outlet: a runtime's death signal is tied to the
    // thread that started it.
    launchers = Executors.newFixedThreadPool(4, daemon("outlet-launcher"));
    blocking = Executors.newVirtualThreadPerTaskExecutor();
    if (protections.cgroups() != null) {
      var cgroups = protections.cgroups();
      blocking.execute(
          () -> {
            int swept = cgroups.sweep(Duration.ofMinutes(1));
            if (swept > 0) {
              LOG.info("removed {} sandbox cgroups left by an Outlet that was killed", swept);
            }
          });
    }
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setWorkerPoolSize(4));
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setMaxHeaderSize(64 * 1024)
            .setIdleTimeout(0)
            .setTcpNoDelay(true)
            .setHandle100ContinueAutomatically(true)
            .setCompressionSupported(false);
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    // The handler needs the bound port (for GetFunction's code URL), and Vert.x needs a handler
    // before binding: bind with a handler that answers 503 until the real one is in place.
    var handler =
        new java.util.concurrent.atomic.AtomicReference<
            io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest>>(
            req -> req.response().setStatusCode(503).end());
    CompletableFuture<HttpsListener> httpsStart =
        httpsSettings.enabled()
            ? CompletableFuture.supplyAsync(
                () ->
                    HttpsListener.open(
                        vertx,
                        data,
                        httpsSettings,
                        options,
                        req -> handler.get().handle(req),
                        config.region(),
                        host),
                blocking)
            : CompletableFuture.completedFuture(null);
    logs = SqliteLogStore.open(data);
    repository = SqliteFunctionRepository.open(data);
    journal = SqliteEventJournal.open(data);
    metrics = LambdaMetrics.open(data, InstantSource.system());
    ZipCodeStore code = ZipCodeStore.create(data);
    Userland userland =
        protections.isolated()
            ? Userland.prepare(data.resolve("sandbox-etc"), Path.of("/etc"))
            : Userland.none();
    launcher =
        new DirectLauncher(protections, userland, data.resolve("stubs"), DirectLauncher.STUBS);
    SandboxFactory factory =
        new SandboxFactory(
            launcher,
            new VertxRuntimeEndpoints(vertx, "127.0.0.1", EVENT_LOOPS),
            logs,
            scratch,
            InstantSource.system());
    pool =
        new SandboxPool(
            factory, launchers, config.accountConcurrency(), config.keepWarm().toNanos());
    Invoker invoker = new Invoker(pool, timers, metrics);
    Account account = new Account(config.region(), config.accountId());
    registry = new FunctionRegistry();
    FunctionService service =
        new FunctionService(
            repository,
            code,
            EntrypointInspector::inspect,
            runtimes,
            pool,
            registry,
            InstantSource.system(),
            account);
    loaded = service.load();
    EventQueue events =
        new EventQueue(invoker, timers, config.eventRetryDelays(), Duration.ofHours(6), journal);
    schedules =
        Schedules.start(data, blocking, timers, account.region(), account.id(), registry, events);
    long reapEvery = Math.max(200, Math.min(10_000, config.keepWarm().toMillis() / 4));
    timers.scheduleWithFixedDelay(
        () -> pool.reap(System.nanoTime()), reapEvery, reapEvery, TimeUnit.MILLISECONDS);
    http = vertx.createHttpServer(options).requestHandler(req -> handler.get().handle(req));
    HttpServer bound;
    try {
      bound = http.listen().toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      closeQuietly();
      throw new IOException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
    }
    endpoint = "http://" + host + ":" + bound.actualPort();
    try {
      gateway =
          Gateway.open(
              data, registry, invoker, account, logs, blocking, "http", bound.actualPort());
    } catch (RuntimeException e) {
      closeQuietly();
      throw new IOException("cannot open the HTTP front's store: " + rootMessage(e), e);
    }
    try {
      HttpsListener tlsListener = httpsStart.join();
      https = tlsListener == null ? null : tlsListener.server();
      httpsEndpoint = tlsListener == null ? null : tlsListener.endpoint();
      tls = tlsListener == null ? null : tlsListener.tls();
    } catch (RuntimeException e) {
      closeQuietly();
      throw new IOException(
          "cannot listen for HTTPS on "
              + config.host()
              + ":"
              + httpsSettings.port()
              + ": "
              + rootMessage(e),
          e);
    }
    handler.set(
        new EdgeRouter(
            new EdgeRouter.Targets(
                gateway.front(),
                LogsApi.create(logs, blocking, account.region(), account.id()),
                new MetricsHttp(metrics, blocking, InstantSource.system()),
                schedules.api(),
                gateway.apis(),
                gateway.functionUrls(),
                new LambdaApi(
                    service,
                    registry,
                    invoker,
                    events,
                    code,
                    account,
                    config.accountConcurrency(),
                    blocking,
                    endpoint))));
    int resumed = events.resume(name -> () -> registry.find(name).map(Deployed::spec));
    if (resumed > 0) {
      LOG.info("{} Event invocations accepted before the last stop are queued again", resumed);
    }
  }

  /** Starts Outlet; returns when its endpoint accepts requests. */
  public static OutletServer start(ServerConfig config) throws IOException {
    return new OutletServer(config, HttpsSettings.OFF);
  }

  /** Starts Outlet with an HTTPS listener as well (unless {@code https} is off). */
  public static OutletServer start(ServerConfig config, HttpsSettings https) throws IOException {
    return new OutletServer(config, https);
  }

  /** The HTTPS endpoint, e.g. {@code https://127.0.0.1:9443}, or null without HTTPS. */
  public String httpsEndpoint() {
    return httpsEndpoint;
  }

  /** The HTTPS certificate's SHA-256 fingerprint (colon-separated hex), or null. */
  public String tlsFingerprint() {
    return tls == null ? null : tls.sha256Fingerprint();
  }

  /** Whether the HTTPS certificate was generated by this start. */
  public boolean tlsGenerated() {
    return tls != null && tls.generated();
  }

  /** How many HTTP APIs and Function URLs were loaded at start. */
  public String frontLoaded() {
    return gateway.apisLoaded() + " HTTP APIs, " + gateway.urlsLoaded() + " function URLs";
  }

  /** The endpoint URL, e.g. {@code http://127.0.0.1:9070}. */
  public String endpoint() {
    return endpoint;
  }

  public int functionsLoaded() {
    return loaded;
  }

  public Protections protections() {
    return protections;
  }

  /** What serves the managed runtimes here. */
  public ManagedRuntimes runtimes() {
    return runtimes;
  }

  public SandboxPool pool() {
    return pool;
  }

  public SqliteLogStore logs() {
    return logs;
  }

  /** The EventBridge rules and their scheduler. */
  public Schedules schedules() {
    return schedules;
  }

  @Override
  public void close() {
    LOG.info("stopping: {} sandboxes", pool.counts().live());
    pool.close();
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("vert.x did not stop cleanly", e);
    }
    timers.shutdownNow();
    blocking.shutdownNow();
    launchers.shutdownNow();
    launcher.close();
    if (schedules != null) {
      schedules.close();
    }
    logs.close();
    metrics.close(); // after the sandboxes: their last invocations are counted
    journal.close();
    repository.close();
    runtimes.settle(); // the runtime files' writer must not outlive Outlet (nor its data folder)
    if (gateway != null) {
      gateway.close();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
