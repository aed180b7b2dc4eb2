package dev.outlet.server;

import dev.outlet.console.ConsoleHttp;
import dev.outlet.console.ConsoleSettings;
import dev.outlet.core.Account;
import dev.outlet.core.RegionStores;
import dev.outlet.edge.ClientTimeouts;
import dev.outlet.engine.Engine;
import dev.outlet.events.Schedules;
import dev.outlet.iam.AccessKey;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.postgres.PgStores;
import dev.outlet.registry.Registry;
import dev.outlet.registry.RegistryHttp;
import dev.outlet.runtimes.ManagedRuntimes;
import dev.outlet.sandbox.Protections;
import dev.outlet.storage.LocalStores;
import dev.outlet.telemetry.LogStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

  private final Regions regions;
  private final Engine engine;
  private final HttpServer http;
  private final ExecutorService blocking;
  private final String endpoint;
  private final Protections protections;
  private final String sandboxApiUrl;
  private final HttpServer https;
  private final String httpsEndpoint;
  private final TlsMaterial tls;
  private Authentication auth;
  private Registry registry;
  private ClusterNode node;
  private UploadRelay uploadRelay; // in a cluster: upload sessions opened by other nodes
  private SharedBlobCollector blobCollector; // in a cluster: removes shared blobs nothing uses
  private java.util.concurrent.ScheduledFuture<?> registryCollection; // one machine's, likewise
  private ClusterPeers peers;
  private final DataLock dataLock; // released last: no other process serves the folder before

  /** Set once {@code outlet drain} names this node: its readiness check answers 503. */
  private final java.util.concurrent.atomic.AtomicBoolean draining =
      new java.util.concurrent.atomic.AtomicBoolean();

  private OutletServer(ServerConfig config, HttpsSettings httpsSettings, DataLock dataLock)
      throws IOException {
    this.dataLock = dataLock;
    Path data = config.dataDir();
    dev.outlet.core.StartupTrace.mark("server: begin");
    protections =
        config.isolation()
            ? Protections.probe(
                config.bwrap(),
                Protections.DEFAULT_CGROUP_ROOT,
                Protections.DEFAULT_QEMU,
                config.sandboxNetwork())
            : Protections.none();
    dev.outlet.core.StartupTrace.mark("protections probed");
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
    RegionStores.Choice stores =
        config.cluster() == null
            ? LocalStores.CHOICE
            : PgStores.choice(config.cluster().url(), config.cluster().blobDir());
    RegionStack home;
    try {
      home =
          RegionStack.open(
              config,
              protections,
              new Account(config.region(), config.accountId()),
              data,
              EVENT_LOOPS,
              LAUNCHER_THREADS,
              Engine::new,
              stores);
    } catch (IOException e) {
      blocking.shutdownNow();
      throw e;
    }
    dev.outlet.core.StartupTrace.mark("home region opened");
    engine = home.engine();
    regions = new Regions(config, protections, home, EVENT_LOOPS, LAUNCHER_THREADS, stores);
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
    dev.outlet.core.StartupTrace.mark("options, https started");
    try {
      auth =
          Authentication.start(
              config.auth(), data, config.cluster(), config.accountId(), timers, regions);
    } catch (RuntimeException e) {
      closeQuietly();
      throw new IOException("cannot open the access keys: " + rootMessage(e), e);
    }
    dev.outlet.core.StartupTrace.mark("auth");
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
    dev.outlet.core.StartupTrace.mark("http bound");
    endpoint = "http://" + host + ":" + bound.actualPort();
    try {
      registry =
          config.cluster() == null
              ? Registry.open(
                  data.resolve("registry"), config.accountId(), java.time.InstantSource.system())
              : SharedRegistry.open(config.cluster(), data.resolve("registry"), config.accountId());
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw new IOException("cannot open the container registry: " + rootMessage(e), e);
    }
    dev.outlet.core.StartupTrace.mark("registry opened");
    dev.outlet.registry.RegistryImages images;
    try {
      images =
          dev.outlet.registry.RegistryImages.open(
              registry, host + ":" + bound.actualPort(), data.resolve("images"));
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw new IOException("cannot open the images' root filesystems: " + rootMessage(e), e);
    }
    dev.outlet.core.StartupTrace.mark("images opened");
    sandboxApiUrl = protections.network().exposeApi(config.host(), bound.actualPort());
    if (config.cluster() != null) {
      try {
        peers =
            ClusterPeers.start(vertx, config.cluster(), config.host(), advertised(config), regions);
      } catch (RuntimeException e) {
        closeQuietly();
        throw new IOException(
            "cannot open the peer port "
                + config.host()
                + ":"
                + config.cluster().peerPort()
                + ": "
                + rootMessage(e),
            e);
      }
    }
    try {
      regions.serve(
          new RegionStack.Host(
              config,
              auth,
              blocking,
              endpoint,
              bound.actualPort(),
              sandboxApiUrl,
              registry,
              host + ":" + bound.actualPort(),
              images,
              draining::get,
              peers));
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      throw new IOException(rootMessage(e), e);
    }
    dev.outlet.core.StartupTrace.mark("regions served");
    if (config.cluster() != null) {
      try {
        node =
            ClusterNode.join(
                config.cluster(),
                peers.address(),
                config.accountConcurrency(),
                timers,
                this::load,
                () -> draining.set(true),
                peers.view()::seen);
        blobCollector = SharedBlobCollector.start(config.cluster(), timers, registry::collect);
      } catch (RuntimeException e) {
        closeQuietly();
        throw new IOException("cannot join the cluster: " + rootMessage(e), e);
      }
    } else {
      registryCollection = collectingRegistry(timers, registry);
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
    dev.outlet.core.StartupTrace.mark("https joined");
    if (peers != null) {
      uploadRelay = new UploadRelay(vertx, peers.key(), peers.apiAddress(bound.actualPort()));
    }
    String devAssets = System.getenv("OUTLET_CONSOLE_ASSETS");
    ConsoleHttp console =
        new ConsoleHttp(
            new ConsoleSettings(
                config.auth() == AuthMode.IAM,
                config.accountId(),
                config.region(),
                endpoint,
                auth.identities(),
                auth.authorizer(),
                devAssets == null || devAssets.isBlank()
                    ? null
                    : Path.of(devAssets).toAbsolutePath().normalize()),
            home.consoleParts(),
            blocking,
            java.time.InstantSource.system());
    handler.set(
        new EdgeRouter(
            regions,
            blocking,
            new RegistryHttp(registry, blocking, config.auth() == AuthMode.IAM, uploadRelay),
            console,
            draining::get));
  }

  /**
   * What this node runs, for its beats: invocations running now in every region, live sandboxes per
   * function, idle ones and ready provisioned ones per version (a region other than the default one
   * named before the function).
   */
  private dev.outlet.core.NodeRegistry.Load load() {
    int running = 0;
    java.util.Map<String, Integer> warm = new java.util.TreeMap<>();
    java.util.Map<String, Integer> idle = new java.util.TreeMap<>();
    java.util.Map<String, Integer> provisioned = new java.util.TreeMap<>();
    for (RegionStack s : regions.all()) {
      var pool = s.engine().pool();
      running += pool.counts().inFlight();
      String prefix = s == regions.home() ? "" : s.region() + "/";
      pool.liveByFunction().forEach((fn, n) -> warm.merge(prefix + fn, n, Integer::sum));
      pool.idleByVersion().forEach((key, n) -> idle.merge(prefix + key, n, Integer::sum));
      pool.provisionedByVersion()
          .forEach((key, n) -> provisioned.merge(prefix + key, n, Integer::sum));
    }
    return new dev.outlet.core.NodeRegistry.Load(running, warm, idle, provisioned);
  }

  /** Starts Outlet; returns when its endpoint accepts requests. */
  public static OutletServer start(ServerConfig config) throws IOException {
    return start(config, HttpsSettings.OFF);
  }

  /**
   * Starts Outlet with an HTTPS listener as well (unless {@code https} is off). Refuses a data
   * folder another process serves ({@link DataLock.Held}).
   */
  public static OutletServer start(ServerConfig config, HttpsSettings https) throws IOException {
    Files.createDirectories(config.dataDir());
    DataLock lock = DataLock.take(config.dataDir());
    try {
      return new OutletServer(config, https, lock);
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
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

  /** How many functions the regions opened at start loaded, together. */
  public int functionsLoaded() {
    return regions.all().stream().mapToInt(RegionStack::functionsLoaded).sum();
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

  /** The default region's sandbox pool. */
  public SandboxPool pool() {
    return engine.pool();
  }

  /** The default region's log store. */
  public LogStore logs() {
    return regions.home().logs();
  }

  /** The default region's EventBridge rules and their scheduler. */
  public Schedules schedules() {
    return regions.home().schedules();
  }

  @Override
  public void close() {
    LOG.info("stopping: {} sandboxes", engine.pool().counts().live());
    closeQuietly();
  }

  /** This node's id in its cluster, or null on one machine. */
  public String nodeId() {
    return node == null ? null : node.id();
  }

  /** Every 10 minutes: the registry's blobs no image names and no push wants any more. */
  private static java.util.concurrent.ScheduledFuture<?> collectingRegistry(
      ScheduledThreadPoolExecutor timers, Registry registry) {
    return Repeat.every(
        timers,
        Repeat.VIRTUAL,
        java.time.Duration.ofMinutes(10),
        () -> {
          try {
            registry.collect();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        e -> LOG.warn("registry: cannot remove unused blobs: {}", e.toString()));
  }

  private void closeQuietly() {
    try {
      if (registryCollection != null) {
        registryCollection.cancel(false);
      }
      if (blobCollector != null) {
        blobCollector.close();
      }
      if (node != null) {
        node.close(); // the others see it gone at once
      }
      if (uploadRelay != null) {
        uploadRelay.close();
      }
      if (peers != null) {
        peers.close(); // before Vert.x stops with the default region's engine
      }
      // every region's sandboxes and stores; the default region's engine last: it owns Vert.x (the
      // listeners), the timers and the launcher
      regions.close();
      blocking.shutdownNow();
      if (registry != null) {
        registry.close();
      }
      if (auth != null) {
        auth.close();
      }
    } finally {
      dataLock.close();
    }
  }

  /**
   * The host other nodes reach this one by: {@code --advertise}, else {@code --host} unless it
   * listens on every interface, else this machine's address.
   */
  private static String advertised(ServerConfig config) {
    if (config.cluster().advertise() != null) {
      return config.cluster().advertise();
    }
    String host = config.host();
    if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
      return host.contains(":") ? "[" + host + "]" : host;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return "127.0.0.1";
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
