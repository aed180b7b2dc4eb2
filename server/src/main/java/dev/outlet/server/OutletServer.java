package dev.outlet.server;

import dev.outlet.api.CodeLinks;
import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionPolicies;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.FunctionService;
import dev.outlet.api.FunctionSettings;
import dev.outlet.api.FunctionTags;
import dev.outlet.api.LambdaApi;
import dev.outlet.api.LambdaService;
import dev.outlet.api.LayerStore;
import dev.outlet.api.ProvisionedConcurrency;
import dev.outlet.cloudwatch.LogsService;
import dev.outlet.core.Account;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.ClientTimeouts;
import dev.outlet.edge.Service;
import dev.outlet.engine.Engine;
import dev.outlet.events.Schedules;
import dev.outlet.gateway.Gateway;
import dev.outlet.iam.AccessKey;
import dev.outlet.iam.IamService;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invoker;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.invoke.SqliteEventJournal;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.api.MetricsHttp;
import dev.outlet.metrics.api.MetricsService;
import dev.outlet.runtimes.ManagedRuntimes;
import dev.outlet.sandbox.Protections;
import dev.outlet.storage.ZipCodeStore;
import dev.outlet.telemetry.SqliteLogStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

  /** The most bytes of headers a request may send (431 past it). */
  static final int MAX_HEADERS = 64 * 1024;

  /** The longest request line (414 past it): a GET with a long query string still fits. */
  static final int MAX_REQUEST_LINE = 16 * 1024;

  /** Platform threads that start runtimes. */
  private static final int LAUNCHER_THREADS = 4;

  private final Engine engine;
  private final HttpServer http;
  private final SqliteLogStore logs;
  private final LambdaMetrics metrics;
  private final SqliteEventJournal journal;
  private final ExecutorService blocking;
  private final String endpoint;
  private final int loaded;
  private final Protections protections;
  private final String sandboxApiUrl;
  private Schedules schedules;
  private final Gateway gateway;
  private final HttpServer https;
  private final String httpsEndpoint;
  private final TlsMaterial tls;
  private Authentication auth;
  private FunctionPolicies functionPolicies;
  private ProvisionedConcurrency provisioned;
  private FunctionTags tags;
  private FunctionSettings settings;
  private LayerStore layers;
  private final LogDelivery logDelivery;

  private OutletServer(ServerConfig config, HttpsSettings httpsSettings) throws IOException {
    Path data = config.dataDir();
    Files.createDirectories(data);
    Path scratch = data.resolve("sandboxes");
    SandboxScratch.sweep(scratch);
    protections =
        config.isolation()
            ? Protections.probe(
                config.bwrap(),
                Protections.DEFAULT_CGROUP_ROOT,
                Protections.DEFAULT_QEMU,
                config.sandboxNetwork())
            : Protections.none();
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
    logs = SqliteLogStore.open(data);
    metrics = LambdaMetrics.open(data, InstantSource.system());
    Account account = new Account(config.region(), config.accountId());
    logDelivery = new LogDelivery(logs, System::nanoTime);
    try {
      engine =
          new Engine(
              new Engine.Settings(
                  data,
                  protections,
                  EVENT_LOOPS,
                  LAUNCHER_THREADS,
                  config.accountConcurrency(),
                  config.keepWarm().toNanos(),
                  Invoker.INIT_LIMIT_MILLIS,
                  metrics,
                  logDelivery,
                  account,
                  config.runtimes(),
                  config.startupCaches()));
    } catch (IllegalArgumentException | IOException e) {
      logs.close();
      metrics.close();
      blocking.shutdownNow();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    Vertx vertx = engine.vertx();
    ScheduledThreadPoolExecutor timers = engine.timers();
    ClientTimeouts timeouts = config.clientTimeouts();
    // Idle connections are closed by `timeouts` (never one with a request in flight), not by
    // Vert.x's idle timeout, which would cut a 15-minute synchronous Invoke.
    HttpServerOptions options =
        timeouts.applyTo(
            new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxHeaderSize(MAX_HEADERS)
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setIdleTimeout(0)
                .setTcpNoDelay(true)
                .setHandle100ContinueAutomatically(true)
                .setCompressionSupported(false));
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
                        timeouts,
                        config.region(),
                        host),
                blocking)
            : CompletableFuture.completedFuture(null);
    journal = SqliteEventJournal.open(data);
    SandboxPool pool = engine.pool();
    Invoker invoker = engine.invoker();
    FunctionRegistry registry = engine.registry();
    FunctionService service = engine.functions();
    ZipCodeStore code = engine.code();
    layers = LayerStore.open(data, code);
    service.useLayers(layers); // before the load: functions' /opt is their merged layers
    loaded = service.load();
    try {
      functionPolicies = FunctionPolicies.open(data);
      registry.onRemoved(functionPolicies::functionDeleted);
      provisioned =
          ProvisionedConcurrency.open(
              data, registry, java.time.InstantSource.system(), config.accountConcurrency());
      provisioned.use(dev.outlet.api.Provisioner.of(pool));
      tags = FunctionTags.open(data, registry);
      settings = FunctionSettings.open(data, registry);
      auth = Authentication.start(config.auth(), data, account.id(), timers, functionPolicies);
      if (config.auth() == AuthMode.IAM) {
        logDelivery.use(
            new LogDelivery.Policies(auth.authorizer(), registry, account.region(), account.id()));
        service.useRoleCheck(new ExecutionRoles(auth.identities(), logDelivery));
      }
    } catch (RuntimeException e) {
      closeQuietly();
      throw new IOException("cannot open the access keys: " + rootMessage(e), e);
    }
    EventQueue events =
        new EventQueue(invoker, timers, config.eventRetryDelays(), Duration.ofHours(6), journal);
    events.usePolicies(settings::eventPolicy);
    schedules =
        Schedules.start(
            data, timers, account.region(), account.id(), registry, events, auth.authorizer());
    long reapEvery = Math.max(200, Math.min(10_000, config.keepWarm().toMillis() / 4));
    timers.scheduleWithFixedDelay(pool::reap, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
    http =
        timeouts
            .guard(vertx.createHttpServer(options))
            .requestHandler(req -> handler.get().handle(req));
    HttpServer bound;
    try {
      bound = http.listen().toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      closeQuietly();
      throw new IOException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e), e);
    }
    endpoint = "http://" + host + ":" + bound.actualPort();
    sandboxApiUrl = protections.network().exposeApi(config.host(), bound.actualPort());
    engine.useCredentials(
        new ExecutionCredentials(
            auth.identities(), registry, config.auth(), sandboxApiUrl, InstantSource.system()));
    try {
      gateway =
          Gateway.open(
              data,
              registry,
              invoker,
              account,
              logs,
              "http",
              bound.actualPort(),
              auth.verifier(),
              auth.authorizer());
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
    CodeLinks links = new CodeLinks(endpoint, InstantSource.system());
    handler.set(
        new EdgeRouter(
            new EdgeRouter.Targets(
                gateway.front(),
                new LambdaApi(
                    registry,
                    invoker,
                    events,
                    code,
                    account,
                    blocking,
                    auth.verifier(),
                    auth.authorizer(),
                    links),
                new MetricsHttp(metrics, blocking),
                new AwsEdge(
                    awsServices(
                        account.id(),
                        LambdaService.create(
                            service,
                            registry,
                            account,
                            config.accountConcurrency(),
                            links,
                            functionPolicies,
                            provisioned,
                            tags,
                            settings,
                            layers)),
                    blocking,
                    auth.verifier(),
                    auth.authorizer(),
                    account.region()))));
    // journaled as "name" ($LATEST) or "name:version"
    int resumed = events.resume(name -> () -> registry.invocable(name).map(Deployed::spec));
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

  /** The endpoint URL, e.g. {@code http://127.0.0.1:9070}. */
  public String endpoint() {
    return endpoint;
  }

  public int functionsLoaded() {
    return loaded;
  }

  /**
   * The URL functions reach Outlet's API at from inside their sandboxes ({@link
   * dev.outlet.sandbox.SandboxNetwork#exposeApi}).
   */
  public String sandboxApiUrl() {
    return sandboxApiUrl;
  }

  public Protections protections() {
    return protections;
  }

  /** What serves the managed runtimes here. */
  public ManagedRuntimes runtimes() {
    return engine.runtimes();
  }

  /** The administrator's access key made by this start (the first in iam mode), to show once. */
  public java.util.Optional<AccessKey> createdAdministrator() {
    return auth.createdAdministrator();
  }

  public SandboxPool pool() {
    return engine.pool();
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
    LOG.info("stopping: {} sandboxes", engine.pool().counts().live());
    closeQuietly();
  }

  private void closeQuietly() {
    engine.close(); // the sandboxes first, then the listeners (Vert.x), threads and stores
    blocking.shutdownNow();
    if (schedules != null) {
      schedules.close();
    }
    logs.close();
    metrics.close(); // after the sandboxes: their last invocations are counted
    journal.close();
    if (gateway != null) {
      gateway.close();
    }
    if (auth != null) {
      auth.close();
    }
    if (functionPolicies != null) {
      functionPolicies.close();
    }
    if (provisioned != null) {
      provisioned.close();
    }
    if (tags != null) {
      tags.close();
    }
    if (settings != null) {
      settings.close();
    }
    if (layers != null) {
      layers.close();
    }
  }

  /**
   * The services on the AWS edge, in the order they are asked to claim a request (Lambda's last).
   */
  private List<Service> awsServices(String accountId, Service lambda) {
    List<Service> services = new ArrayList<>();
    services.add(IamService.iam(auth.identities()));
    services.add(IamService.sts(auth.identities()));
    services.add(LogsService.create(logs, accountId));
    services.add(LogDeliveryService.create(logDelivery, accountId));
    services.add(schedules.api());
    services.addAll(MetricsService.create(metrics.store(), InstantSource.system()));
    services.add(gateway.apis());
    services.add(gateway.functionUrls());
    services.add(lambda);
    return services;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
