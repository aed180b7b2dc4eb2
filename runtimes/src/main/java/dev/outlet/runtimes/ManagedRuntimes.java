package dev.outlet.runtimes;

import dev.outlet.core.Entrypoint;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.RuntimePlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The runtime planner of a running Outlet: custom runtimes run their package's executable; managed
 * ones the interpreter {@link RuntimeCatalog} picks among what the host has (probed once, in the
 * background, from start-up) and the operator's mappings, on Outlet's runtime loop.
 *
 * <p>Thread-safe: immutable once the probe has finished; callers wait for it (tens of milliseconds
 * at start-up) the first time they need it.
 */
public final class ManagedRuntimes implements RuntimePlanner {
  private static final Set<String> CUSTOM = Set.of("provided", "provided.al2", "provided.al2023");
  private static final String GO1X = "go1.x";

  private final CompletableFuture<List<Interpreter>> found;
  private final Map<String, Interpreter> mapped;
  private final Supplier<RuntimeFiles> files;
  private final Path caches;
  private final List<CompletableFuture<?>> background = new ArrayList<>();

  /** Completed when the probe and the file writing may start ({@link #begin}). */
  private final CompletableFuture<Void> go;

  ManagedRuntimes(
      CompletableFuture<Void> go,
      CompletableFuture<List<Interpreter>> found,
      Map<String, Interpreter> mapped,
      Supplier<RuntimeFiles> files,
      Path caches) {
    this.go = go;
    this.found = found;
    this.mapped = Map.copyOf(mapped);
    this.files = files;
    this.caches = caches;
  }

  /**
   * Makes the planner; the probe of the host's interpreters and the writing of the runtime files
   * start at {@link #begin} (or the first question about a managed runtime).
   *
   * @param runtimes the folder of the runtime files ({@code DATA/runtimes}) * @param caches the
   *     folder of startup caches ({@code DATA/caches}), or null for none
   * @param mappings interpreters the operator names, by runtime id ({@code serve --runtime})
   * @throws IllegalArgumentException for a mapping that names no runtime or no interpreter
   */
  public static ManagedRuntimes start(Path runtimes, Path caches, Map<String, Path> mappings) {
    Map<String, Interpreter> mapped = new LinkedHashMap<>();
    mappings.forEach(
        (id, path) -> {
          RuntimeId runtime =
              RuntimeId.parse(id)
                  .orElseThrow(
                      () ->
                          badMapping(
                              id,
                              path,
                              id
                                  + " is not a Python, Node.js or Java runtime id (python3.12,"
                                  + " nodejs22.x, java21)"));
          mapped.put(
              id,
              HostInterpreters.probe(runtime.family(), path)
                  .orElseThrow(
                      () ->
                          badMapping(
                              id,
                              path,
                              path
                                  + " is not a working "
                                  + runtime.family().label()
                                  + " interpreter")));
        });
    CompletableFuture<Void> go = new CompletableFuture<>();
    CompletableFuture<List<Interpreter>> found =
        go.thenApplyAsync(
            v -> HostInterpreters.find(HostInterpreters.BIN, HostInterpreters.JVM),
            r -> Thread.ofVirtual().name("outlet-interpreters").start(r));
    List<Path> mappedPythons =
        mapped.values().stream()
            .filter(i -> i.family() == Family.PYTHON)
            .map(Interpreter::executable)
            .toList();
    CompletableFuture<RuntimeFiles> written =
        runtimes == null
            ? CompletableFuture.failedFuture(new IllegalStateException("no runtime files here"))
            : found.thenApplyAsync(
                all ->
                    RuntimeFiles.install(
                        runtimes,
                        java.util.stream.Stream.concat(
                                all.stream()
                                    .filter(i -> i.family() == Family.PYTHON)
                                    .map(Interpreter::executable),
                                mappedPythons.stream())
                            .distinct()
                            .toList()),
                r -> Thread.ofVirtual().name("outlet-runtime-files").start(r));
    ManagedRuntimes planner = new ManagedRuntimes(go, found, mapped, written::join, caches);
    planner.background.add(found);
    planner.background.add(written);
    return planner;
  }

  @Override
  public void check(String runtime) {
    if (CUSTOM.contains(runtime) || GO1X.equals(runtime)) {
      return;
    }
    Optional<RuntimeId> id = RuntimeId.parse(runtime);
    if (id.isEmpty()) {
      throw LambdaException.invalidParameter(notManaged(runtime));
    }
    if (resolve(id.get()) instanceof Resolution.Unavailable u) {
      throw LambdaException.invalidParameter(u.message());
    }
  }

  @Override
  public LaunchPlan plan(FunctionConfig config, Path codeRoot, Entrypoint entrypoint) {
    return plan(config, codeRoot, null, entrypoint);
  }

  @Override
  public LaunchPlan plan(FunctionConfig config, Path codeRoot, Path opt, Entrypoint entrypoint) {
    String runtime = config.runtime();
    if (CUSTOM.contains(runtime) || GO1X.equals(runtime)) {
      return LaunchPlans.provided(config, codeRoot, opt, entrypoint);
    }
    Optional<RuntimeId> id = RuntimeId.parse(runtime);
    if (id.isEmpty()) {
      return LaunchPlans.unavailable(runtime, notManaged(runtime));
    }
    return switch (resolve(id.get())) {
      case Resolution.Unavailable u -> LaunchPlans.unavailable(runtime, u.message());
      case Resolution.Served s -> {
        RuntimeFiles f = files.get();
        yield LaunchPlans.managed(
            id.get(),
            s,
            f.folder(id.get().family()),
            id.get().family() == Family.JAVA ? f.javaJars() : List.of(),
            config,
            codeRoot,
            caches);
      }
    };
  }

  /** Removes the startup caches no function of {@code live} uses (old code, removed functions). */
  @Override
  public void retain(java.util.Collection<LaunchPlan> live) {
    Set<Path> keep = new java.util.HashSet<>();
    for (LaunchPlan p : live) {
      if (p.cache() != null) {
        keep.add(p.cache().file());
      }
    }
    if (caches == null || !java.nio.file.Files.isDirectory(caches)) {
      return;
    }
    try (var all = java.nio.file.Files.newDirectoryStream(caches, "*.{cache,log}")) {
      for (Path p : all) {
        String name = p.getFileName().toString();
        Path cache =
            name.endsWith(".log") ? p.resolveSibling(name.substring(0, name.length() - 4)) : p;
        if (!keep.contains(cache)) {
          java.nio.file.Files.deleteIfExists(p);
        }
      }
    } catch (java.io.IOException e) {
      // a cache left over costs disk only; the next retain tries again
    }
  }

  private static IllegalArgumentException badMapping(String id, Path path, String why) {
    return new IllegalArgumentException("--runtime " + id + "=" + path + ": " + why);
  }

  /**
   * Starts probing the host's interpreters (a process per interpreter: {@code java -version} of
   * each JDK, ...) and then writing the runtime files, unless begun already; returns at once. The
   * first question about a managed runtime begins them too: a command that runs a Go function
   * ({@code local invoke}) never pays for them (0.5–1 s of CPU on a start, docs/architecture.md
   * "Startup"); {@code serve} begins them as soon as its engine is made.
   */
  public void begin() {
    go.complete(null);
  }

  /** Waits for the start-up probe and file writing (before their folder is removed). */
  public void settle() {
    go.cancel(false); // never begun: nothing to wait for
    for (CompletableFuture<?> f : background) {
      f.exceptionally(e -> null).join();
    }
  }

  /** What serves {@code id} here. */
  public Resolution resolve(RuntimeId id) {
    begin();
    return RuntimeCatalog.resolve(id, found.join(), mapped);
  }

  /** Every interpreter found on this host (for {@code outlet doctor}). */
  public List<Interpreter> interpreters() {
    begin();
    return found.join();
  }

  /** Lambda's managed runtime ids Outlet can serve, oldest first (for {@code outlet doctor}). */
  public static final List<String> KNOWN =
      List.of(
          "python3.9",
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "python3.14",
          "nodejs18.x",
          "nodejs20.x",
          "nodejs22.x",
          "nodejs24.x",
          "java8.al2",
          "java11",
          "java17",
          "java21",
          "java25");

  /** One row of {@code outlet doctor}'s runtime table. */
  public record Row(String runtime, boolean available, String detail) {}

  /** What serves each runtime of {@link #KNOWN} here, or what to install. */
  public List<Row> table() {
    List<Row> rows = new ArrayList<>();
    for (String runtime : KNOWN) {
      RuntimeId id = RuntimeId.parse(runtime).orElseThrow();
      rows.add(
          switch (resolve(id)) {
            case Resolution.Served s ->
                new Row(
                    runtime,
                    true,
                    s.interpreter().describe()
                        + (s.mapped()
                            ? ", mapped by --runtime"
                            : s.notices().isEmpty() ? "" : ", the nearest newer JDK"));
            case Resolution.Unavailable u -> new Row(runtime, false, hint(id));
          });
    }
    return rows;
  }

  /**
   * The start-up line: which managed runtimes this host serves, by interpreter ({@code runtimes:
   * python3.11 (Python 3.11.2), nodejs20.x (Node.js 20.20.2), ...}).
   */
  public String summary() {
    java.util.Map<String, List<String>> byInterpreter = new LinkedHashMap<>();
    for (Row r : table()) {
      if (r.available()) {
        Interpreter i =
            ((Resolution.Served) resolve(RuntimeId.parse(r.runtime()).orElseThrow())).interpreter();
        byInterpreter
            .computeIfAbsent(i.family().label() + " " + i.version(), k -> new ArrayList<>())
            .add(r.runtime());
      }
    }
    if (byInterpreter.isEmpty()) {
      return "runtimes: custom only (no Python, Node.js or JDK found; see outlet doctor)";
    }
    List<String> parts = new ArrayList<>();
    byInterpreter.forEach((interp, ids) -> parts.add(String.join(", ", ids) + " (" + interp + ")"));
    return "runtimes: " + String.join("; ", parts) + "; outlet doctor lists the rest";
  }

  /** The one-line fix for a runtime nothing serves. */
  private static String hint(RuntimeId id) {
    return switch (id.family()) {
      case PYTHON ->
          "install python" + id.version() + ", or --runtime " + id.id() + "=/usr/bin/python3";
      case NODEJS ->
          "install Node.js " + id.major() + ", or --runtime " + id.id() + "=/usr/bin/node";
      case JAVA -> "install a JDK " + id.major() + " or newer under /usr/lib/jvm";
    };
  }

  private static String notManaged(String runtime) {
    return "Outlet runs Python, Node.js and Java functions and custom runtimes; "
        + runtime
        + " is not available yet. Package a bootstrap executable that runs your code (see"
        + " AWS's custom runtime tutorial) and create the function with --runtime"
        + " provided.al2023.";
  }
}
