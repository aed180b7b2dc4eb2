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
import dev.outlet.api.Provisioner;
import dev.outlet.cloudwatch.LogsService;
import dev.outlet.core.Account;
import dev.outlet.core.LogDatabase;
import dev.outlet.core.RegionStores;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Service;
import dev.outlet.engine.Engine;
import dev.outlet.events.Schedules;
import dev.outlet.gateway.Gateway;
import dev.outlet.iam.IamService;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.Invoker;
import dev.outlet.metrics.LambdaMetrics;
import dev.outlet.metrics.api.MetricsHttp;
import dev.outlet.metrics.api.MetricsService;
import dev.outlet.registry.EcrService;
import dev.outlet.registry.Registry;
import dev.outlet.sandbox.Protections;
import dev.outlet.telemetry.LogStore;
import dev.outlet.telemetry.LogStoreOptions;
import dev.outlet.telemetry.SqliteLogDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region of a running Outlet, as a namespace of its own: its functions, versions, aliases and
 * layers, their policies, tags and settings, its logs and metrics, its schedules and event queue,
 * its Function URLs and HTTP APIs, and its sandbox pool (the region's account concurrency, as on
 * AWS), all under its own data folder. The default region's folder is the data folder itself (so an
 * Outlet that knew one region keeps its functions); another region's is {@code regions/<region>}.
 *
 * <p>Opened in two steps: {@link #open} makes the stores and the engine (whose timers the server's
 * authentication needs), {@link #serve} the services, once the endpoint's address and the
 * authentication are known. Closed once, by its owner ({@link Regions}).
 */
final class RegionStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegionStack.class);

  /** What a region is served with: the parts every region shares. */
  record Host(
      ServerConfig config,
      Authentication auth,
      ExecutorService blocking,
      String endpoint,
      int port,
      String sandboxApiUrl,
      Registry registry,
      String registryHost,
      dev.outlet.registry.RegistryImages images,
      java.util.function.BooleanSupplier draining,
      ClusterPeers peers) {}

  private final Account account;
  private final Path data;
  private final LogStore logs;
  private final LambdaMetrics metrics;
  private final LogDelivery logDelivery;
  private final Engine engine;
  private final RegionCluster cluster;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private volatile EdgeRouter.Targets targets;
  private volatile FunctionPolicies policies;

  /** Stops this region's provisioned shares following the beats (a cluster's node only). */
  private volatile Runnable unshare;

  private Schedules schedules;
  private RegionQueues queues;
  private ScheduledFuture<?> reaper;
  private int loaded;

  private RegionStack(
      Account account,
      Path data,
      LogStore logs,
      LambdaMetrics metrics,
      LogDelivery logDelivery,
      Engine engine,
      RegionCluster cluster) {
    this.account = account;
    this.data = data;
    this.logs = logs;
    this.metrics = metrics;
    this.logDelivery = logDelivery;
    this.engine = engine;
    this.cluster = cluster;
  }

  /** How a region's engine is made from its settings: the first owns the host's parts. */
  interface Engines {
    Engine make(Engine.Settings settings) throws IOException;
  }

  /**
   * Opens a region's logs, metrics, engine and event journal under {@code data}; on failure closes
   * what it opened.
   */
  static RegionStack open(
      ServerConfig config,
      Protections protections,
      Account account,
      Path data,
      int eventLoops,
      int launcherThreads,
      Engines engines,
      RegionStores.Choice stores)
      throws IOException {
    Files.createDirectories(data);
    SandboxScratch.sweep(data.resolve("sandboxes")); // what a killed Outlet left
    LogStore logs =
        LogStore.open(logDatabase(config, account.region(), data), LogStoreOptions.defaults());
    dev.outlet.core.StartupTrace.mark("region: logs");
    LambdaMetrics metrics = null;
    Engine engine = null;
    try {
      metrics =
          LambdaMetrics.open(
              metricsDatabase(config, account.region(), data), InstantSource.system());
      dev.outlet.core.StartupTrace.mark("region: metrics");
      LogDelivery delivery = new LogDelivery(logs, System::nanoTime);
      engine =
          engines.make(
              new Engine.Settings(
                  data,
                  protections,
                  eventLoops,
                  launcherThreads,
                  config.accountConcurrency(),
                  config.keepWarm().toNanos(),
                  Invoker.INIT_LIMIT_MILLIS,
                  metrics,
                  delivery,
                  account,
                  config.runtimes(),
                  config.startupCaches(),
                  stores));
      engine.runtimes().begin(); // in parallel with the rest of the start: serve prints them
      dev.outlet.core.StartupTrace.mark("region: engine");
      RegionCluster cluster =
          new RegionCluster(account.region(), engine, RegionCluster.journal(engine.stores(), data));
      dev.outlet.core.StartupTrace.mark("region: journal");
      return new RegionStack(account, data, logs, metrics, delivery, engine, cluster);
    } catch (IOException | RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      if (metrics != null) {
        metrics.close();
      }
      logs.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /**
   * Where the region's CloudWatch logs live: {@code logs.db} in its folder, or in a cluster its
   * schema of the shared database, which every node reads.
   */
  private static LogDatabase logDatabase(ServerConfig config, String region, Path data) {
    ClusterStore cluster = config.cluster();
    return cluster == null
        ? SqliteLogDatabase.in(data)
        : dev.outlet.postgres.PgLogDatabase.open(
            cluster.url(), dev.outlet.postgres.PgStores.schemaOf(region));
  }

  /**
   * Where the region's metrics live: {@code metrics.db} in its folder, or in a cluster its schema
   * of the shared database, whose reads sum every node's rows.
   */
  private static dev.outlet.core.MetricsDatabase metricsDatabase(
      ServerConfig config, String region, Path data) {
    ClusterStore cluster = config.cluster();
    return cluster == null
        ? dev.outlet.metrics.SqliteMetricsDatabase.in(data)
        : dev.outlet.postgres.PgMetricsDatabase.open(
            cluster.url(), dev.outlet.postgres.PgStores.schemaOf(region));
  }

  /**
   * Opens the region's stores beside its functions, loads them, starts its schedules and event
   * queue and makes what serves its requests.
   */
  void serve(Host host) throws IOException {
    ServerConfig config = host.config();
    Authentication auth = host.auth();
    FunctionRegistry registry = engine.registry();
    FunctionService service = engine.functions();
    Invoker invoker = engine.invoker();
    // what Invoke, Function URLs and the gateway's routes call: in a cluster, placed on the node
    // where the function is warm (Event invocations, queues and schedules run where they are taken)
    dev.outlet.invoke.Invocations synchronous =
        host.peers() == null
            ? invoker
            : host.peers().placed(account.region(), beatPrefix(config), invoker, engine.pool());
    try {
      RegionStores stores = engine.stores();
      LayerStore layers =
          keep(LayerStore.open(stores.documents(StoreNames.LAYERS), data, engine.code()));
      service.useLayers(layers); // before the load: functions' /opt is their merged layers
      service.useImages(host.images().forRegion(account.region()));
      dev.outlet.core.StartupTrace.mark("serve: layers");
      stores.onFunctionsChanged(service::refresh); // listening before the load: nothing missed
      loaded = service.load();
      dev.outlet.core.StartupTrace.mark("serve: functions loaded");
      FunctionPolicies functionPolicies =
          keep(FunctionPolicies.open(stores.documents(FunctionPolicies.STORE), data));
      registry.onRemoved(functionPolicies::functionDeleted);
      ProvisionedConcurrency provisioned =
          keep(
              ProvisionedConcurrency.open(
                  stores.documents(ProvisionedConcurrency.STORE),
                  registry,
                  InstantSource.system(),
                  config.accountConcurrency()));
      provisioned.use(Provisioner.of(engine.pool()));
      if (host.peers() != null) {
        // each node keeps its share, recomputed at every beat (nodes and configurations change)
        ClusterView view = host.peers().view();
        provisioned.share(new ClusterShares(view, beatPrefix(config), InstantSource.system()));
        unshare = view.onSeen(provisioned::reconcileAll);
      }
      FunctionTags tags = keep(FunctionTags.open(stores.documents(StoreNames.TAGS), registry));
      FunctionSettings settings =
          keep(FunctionSettings.open(stores.documents(StoreNames.FUNCTION_SETTINGS), registry));
      if (config.auth() == AuthMode.IAM) {
        logDelivery.use(
            new LogDelivery.Policies(auth.authorizer(), registry, account.region(), account.id()));
        service.useRoleCheck(new ExecutionRoles(auth.identities(), logDelivery));
      }
      dev.outlet.core.StartupTrace.mark("serve: policies, provisioned, tags, settings");
      String local = "arn:aws:sqs:" + account.region() + ":" + account.id() + ":";
      RegionQueues regionQueues =
          keep(RegionQueues.open(stores, host, account, engine, data, synchronous));
      queues = regionQueues;
      service.useQueues(arn -> !arn.startsWith(local) || regionQueues.exists(arn));
      dev.outlet.core.StartupTrace.mark("serve: sqs, mappings");
      EventQueue events =
          new EventQueue(
              invoker,
              engine.timers(),
              config.eventRetryDelays(),
              Duration.ofHours(6),
              cluster.journal());
      events.usePolicies(settings::eventPolicy);
      schedules =
          Schedules.start(
              stores.definitions(dev.outlet.events.RuleStore.DEFINITIONS),
              stores.schedules(),
              data,
              engine.timers(),
              account.region(),
              account.id(),
              registry,
              events,
              auth.authorizer(),
              queues.sender());
      events.useOutcomes(schedules.destinations(settings));
      dev.outlet.core.StartupTrace.mark("serve: schedules");
      long reapEvery = Math.max(200, Math.min(10_000, config.keepWarm().toMillis() / 4));
      var pool = engine.pool();
      reaper =
          engine
              .timers()
              .scheduleWithFixedDelay(pool::reap, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
      engine.useCredentials(
          new ExecutionCredentials(
              auth.identities(),
              registry,
              config.auth(),
              host.sandboxApiUrl(),
              InstantSource.system()));
      Gateway gateway =
          keep(
              Gateway.open(
                  stores.definitions(StoreNames.GATEWAY),
                  registry,
                  synchronous,
                  account,
                  logs,
                  "http",
                  host.port(),
                  auth.verifier(),
                  auth.authorizer()));
      dev.outlet.core.StartupTrace.mark("serve: gateway");
      CodeLinks links =
          new CodeLinks(
              host.endpoint(),
              account.region().equals(config.region()) ? null : account.region(),
              InstantSource.system());
      List<Service> services = new ArrayList<>();
      services.add(IamService.iam(auth.identities()));
      services.add(IamService.sts(auth.identities()));
      services.add(LogsService.create(logs, account.id()));
      services.add(LogDeliveryService.create(logDelivery, account.id()));
      services.add(schedules.api());
      services.addAll(MetricsService.create(metrics.store(), InstantSource.system()));
      services.add(gateway.apis());
      services.add(gateway.functionUrls());
      services.addAll(queues.services()); // in a cluster, the queue relay serves them
      // the server's one registry, whichever region is asked (see docs/architecture.md)
      services.add(EcrService.create(host.registry(), host.registryHost(), host.endpoint()));
      services.add(
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
              layers));
      dev.outlet.core.StartupTrace.mark("serve: services");
      policies = functionPolicies;
      targets =
          new EdgeRouter.Targets(
              gateway.front(),
              new LambdaApi(
                  registry,
                  synchronous,
                  events,
                  engine.code(),
                  account,
                  host.blocking(),
                  auth.verifier(),
                  auth.authorizer(),
                  links),
              new MetricsHttp(metrics, host.blocking()),
              new AwsEdge(
                  services, host.blocking(), auth.verifier(), auth.authorizer(), account.region()),
              queues.relay());
      dev.outlet.core.StartupTrace.mark("serve: targets");
      queues.start();
      // journaled as "name" ($LATEST) or "name:version"
      int resumed = events.resume(name -> () -> registry.invocable(name).map(Deployed::spec));
      if (resumed > 0) {
        LOG.info(
            "{}: {} Event invocations accepted before the last stop are queued again",
            account.region(),
            resumed);
      }
      cluster.start(events, registry, host);
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot open the stores of region " + account.region() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs an invocation another node forwarded here, on this node's sandboxes; empty when this node
   * does not know the version (yet).
   */
  java.util.Optional<java.util.concurrent.CompletableFuture<dev.outlet.invoke.InvokeOutcome>>
      runHere(PeerWire.Call call) {
    String name =
        call.version().equals("$LATEST") ? call.function() : call.function() + ":" + call.version();
    Invoker invoker = engine.invoker();
    return engine
        .registry()
        .invocable(name)
        .filter(d -> d.spec().version().equals(call.version()))
        .map(d -> invoker.invoke(d.spec(), call.request()));
  }

  /**
   * How the beats name this region's functions: as they are in the default region, else {@code
   * region/}.
   */
  private String beatPrefix(ServerConfig config) {
    return account.region().equals(config.region()) ? "" : account.region() + "/";
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  String region() {
    return account.region();
  }

  /** What the web console reads of this region. */
  dev.outlet.console.ConsoleParts consoleParts() {
    var registry = engine.registry();
    String templates =
        dev.outlet.local.EventTemplates.json(
            account.region(), account.id(), java.time.Instant.now());
    return new dev.outlet.console.ConsoleParts(
        engine.pool(),
        metrics.store(),
        logs.tail(),
        name ->
            registry.invocable(name).map(d -> d.spec().logGroup()).orElse("/aws/lambda/" + name),
        () -> templates,
        () ->
            engine.runtimes().table().stream()
                .map(
                    r ->
                        new dev.outlet.console.ConsoleParts.RuntimeRow(
                            r.runtime(), r.available(), r.detail()))
                .toList());
  }

  /** What serves the region's requests, or null until {@link #serve} returned. */
  EdgeRouter.Targets targets() {
    return targets;
  }

  /** The region's resource-based policies naming {@code arn} (none before it serves). */
  List<PolicyDocument> policies(String arn) {
    FunctionPolicies p = policies;
    return p == null ? List.of() : p.of(arn);
  }

  Engine engine() {
    return engine;
  }

  LogStore logs() {
    return logs;
  }

  Schedules schedules() {
    return schedules;
  }

  int functionsLoaded() {
    return loaded;
  }

  /** Stops the region's sandboxes, schedules and stores; the host's parts stay. */
  @Override
  public void close() {
    Runnable u = unshare;
    if (u != null) {
      u.run(); // no reconcile starts sandboxes while the region closes
    }
    if (reaper != null) {
      reaper.cancel(false);
    }
    if (queues != null) {
      queues.stopConsumers(); // no batch starts while the sandboxes stop
    }
    if (schedules != null) {
      schedules.close();
    }
    cluster.close(); // before the engine closes the stores (a cluster's journal is in them)
    engine.close(); // the sandboxes first (and, for the host's region, the listeners and threads)
    logs.close();
    metrics.close(); // after the sandboxes: their last invocations are counted
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("{}: cannot close {}", account.region(), c, e);
      }
    }
  }
}
