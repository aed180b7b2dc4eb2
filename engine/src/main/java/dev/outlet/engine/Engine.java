package dev.outlet.engine;

import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.FunctionService;
import dev.outlet.core.Account;
import dev.outlet.core.CodeStore;
import dev.outlet.core.LogSink;
import dev.outlet.core.RegionStores;
import dev.outlet.core.Ticker;
import dev.outlet.invoke.InvocationObserver;
import dev.outlet.invoke.Invoker;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.runtimeapi.VertxRuntimeEndpoints;
import dev.outlet.runtimes.ManagedRuntimes;
import dev.outlet.sandbox.DirectLauncher;
import dev.outlet.sandbox.Protections;
import dev.outlet.sandbox.SandboxCredentials;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.Userland;
import dev.outlet.storage.EntrypointInspector;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outlet's function engine, wired once for {@code outlet serve} and the local commands: the
 * function store and code store under a data folder, the managed runtimes, the sandbox launcher
 * with its userland, the Runtime API endpoints, the sandbox pool, the invoker and the function
 * service over them. The owner of every part it makes; {@link #close} stops them in order (the
 * sandboxes first). What differs between its users is {@link Settings}.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /**
   * What a user of the engine chooses.
   *
   * @param data the data folder (functions, code, runtimes, sandboxes' scratch)
   * @param protections the isolation the host offers (probed once by the caller)
   * @param eventLoops Vert.x event loops (the Runtime API's and the caller's HTTP listener's)
   * @param launcherThreads platform threads that start runtimes (a runtime's death signal is tied
   *     to the thread that started it, so they live as long as the engine)
   * @param accountConcurrency the account's concurrency limit
   * @param keepWarmNanos how long an idle sandbox is kept
   * @param initLimitMillis the cold-start limit
   * @param observer what hears of every invocation (metrics)
   * @param logs where functions' log lines go
   * @param account the account and default region
   * @param runtimes host interpreters chosen by the user, by runtime id
   * @param startupCaches whether managed runtimes keep startup caches
   * @param stores where the region's functions, code and documents live (one machine's files, or a
   *     database the nodes of a cluster share)
   */
  public record Settings(
      Path data,
      Protections protections,
      int eventLoops,
      int launcherThreads,
      int accountConcurrency,
      long keepWarmNanos,
      long initLimitMillis,
      InvocationObserver observer,
      LogSink logs,
      Account account,
      Map<String, Path> runtimes,
      boolean startupCaches,
      RegionStores.Choice stores) {
    public Settings {
      runtimes = Map.copyOf(runtimes);
    }
  }

  private final Vertx vertx;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService launchers;
  private final DirectLauncher launcher;
  private RegionStores stores;
  private final ManagedRuntimes runtimes;
  private final SandboxPool pool;
  private final SandboxFactory factory;
  private final Invoker invoker;
  private final FunctionRegistry registry;
  private final FunctionService functions;
  private final boolean ownsHost;

  /**
   * Opens the engine's stores and starts its threads; loads nothing (see {@link
   * FunctionService#load}).
   *
   * @throws IllegalArgumentException when a chosen runtime interpreter is not usable
   * @throws IOException when the data folder's stores cannot be opened (nothing is left running)
   */
  public Engine(Settings s) throws IOException {
    this(s, null);
  }

  /**
   * Another region's engine on this one's host parts: its own function and code stores, sandbox
   * pool (the region's account concurrency, as on AWS), invoker and function service under {@code
   * s.data()}, sharing this engine's Vert.x, timers, launcher threads, launcher and managed
   * runtimes. Closing it leaves those running; closing this engine stops them.
   */
  public Engine forRegion(Settings s) throws IOException {
    return new Engine(s, this);
  }

  private Engine(Settings s, Engine host) throws IOException {
    Path data = s.data();
    ownsHost = host == null;
    runtimes =
        ownsHost
            ? ManagedRuntimes.start(
                data.resolve("runtimes"),
                s.startupCaches() ? data.resolve("caches") : null,
                s.runtimes())
            : host.runtimes;
    dev.outlet.core.StartupTrace.mark("engine: runtimes");
    Userland userland = Userland.none();
    try {
      stores = s.stores().open(s.account().region(), data);
      dev.outlet.core.StartupTrace.mark("engine: repository");
      if (ownsHost && s.protections().isolated()) {
        userland = Userland.prepare(data.resolve("sandbox-etc"), Path.of("/etc"));
      }
    } catch (IOException | RuntimeException e) {
      closeStores();
      throw e;
    }
    dev.outlet.core.StartupTrace.mark("engine: code, userland");
    // Nothing below throws: threads and Vert.x start only once the stores are open.
    if (ownsHost) {
      timers = new ScheduledThreadPoolExecutor(1, daemon("outlet-timer"));
      timers.setRemoveOnCancelPolicy(true);
      launchers = Executors.newFixedThreadPool(s.launcherThreads(), daemon("outlet-launcher"));
      vertx =
          Vertx.vertx(new VertxOptions().setEventLoopPoolSize(s.eventLoops()).setWorkerPoolSize(4));
      dev.outlet.core.StartupTrace.mark("engine: vertx");
      launcher =
          new DirectLauncher(
              s.protections(),
              userland,
              data.resolve("stubs"),
              Math.min(DirectLauncher.STUBS, s.launcherThreads()));
    } else {
      timers = host.timers;
      launchers = host.launchers;
      vertx = host.vertx;
      launcher = host.launcher;
    }
    dev.outlet.core.StartupTrace.mark("engine: launcher");
    factory =
        new SandboxFactory(
            launcher,
            new VertxRuntimeEndpoints(vertx, "127.0.0.1", s.eventLoops()),
            s.logs(),
            data.resolve("sandboxes"),
            InstantSource.system(),
            Ticker.system());
    pool =
        new SandboxPool(
            factory, launchers, s.accountConcurrency(), s.keepWarmNanos(), Ticker.system());
    invoker =
        new Invoker(
            pool,
            timers,
            s.observer(),
            s.initLimitMillis(),
            Ticker.system(),
            InstantSource.system());
    registry = new FunctionRegistry();
    functions =
        new FunctionService(
            stores.functions(),
            stores.code(),
            EntrypointInspector.RESOLVER,
            runtimes,
            pool,
            registry,
            InstantSource.system(),
            s.account());
    dev.outlet.core.StartupTrace.mark("engine: services");
    functions.useSnapStart(launcher::prepareStartupCache);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The engine's timer thread (timeouts, retries, reaping); callers may schedule on it. */
  public ScheduledThreadPoolExecutor timers() {
    return timers;
  }

  public CodeStore code() {
    return stores.code();
  }

  /** The region's stores (the engine's to close). */
  public RegionStores stores() {
    return stores;
  }

  public ManagedRuntimes runtimes() {
    return runtimes;
  }

  public SandboxPool pool() {
    return pool;
  }

  /** New sandboxes get their execution role's credentials from {@code source}. */
  public void useCredentials(SandboxCredentials source) {
    factory.useCredentials(source);
  }

  public Invoker invoker() {
    return invoker;
  }

  public FunctionRegistry registry() {
    return registry;
  }

  public FunctionService functions() {
    return functions;
  }

  /**
   * Stops every sandbox, then (unless it is another region's engine on a host's parts) Vert.x, the
   * threads and the launcher, then the stores.
   */
  @Override
  public void close() {
    pool.close();
    if (!ownsHost) {
      closeStores();
      return;
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("vert.x did not stop cleanly", e);
    }
    timers.shutdownNow();
    launchers.shutdownNow();
    launcher.close();
    closeStores();
  }

  private void closeStores() {
    if (stores != null) {
      stores.close();
    }
    if (ownsHost) {
      runtimes.settle();
    } // the runtime files' writer must not outlive the engine (nor its folder)
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
