package dev.outlet.sandbox;

import dev.outlet.core.Architecture;
import dev.outlet.core.StartupCache;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts runtimes with every protection the host offers (see {@link Protections}): bubblewrap
 * namespaces, a cgroup per sandbox, an unprivileged uid, qemu for arm64; and as a plain child
 * process when none is available, said once at start-up.
 *
 * <p>The runtime dies with Outlet (bubblewrap's {@code --die-with-parent} or setpriv's {@code
 * --pdeathsig}); the death signal follows the thread that started the process, so launch from
 * threads that live as long as Outlet.
 */
public final class DirectLauncher implements ProcessLauncher, AutoCloseable {
  /** Launch stubs kept ready: enough for the cold starts of a quiet moment, not for a burst. */
  public static final int STUBS = 2;

  private final Protections protections;
  private final Userland userland;
  private final LaunchStubs stubs;
  private final StartupCacheRecorder recorder = new StartupCacheRecorder(this::record);

  /** A launcher that starts every sandbox when it is needed (no launch stubs). */
  public DirectLauncher(Protections protections, Userland userland) {
    this.protections = protections;
    this.userland = userland;
    this.stubs = null;
  }

  /**
   * A launcher that keeps {@code stubs} sandboxes started ahead of time where sandboxes are
   * isolated (see {@link LaunchStubs}).
   *
   * @param stubRoot a folder of Outlet's own on the code store's filesystem, emptied now
   */
  public DirectLauncher(Protections protections, Userland userland, Path stubRoot, int stubs)
      throws IOException {
    this.protections = protections;
    this.userland = userland;
    this.stubs =
        stubs > 0 && protections.isolated()
            ? new LaunchStubs(protections, userland, stubRoot, stubs)
            : null;
  }

  public Protections protections() {
    return protections;
  }

  @Override
  public LaunchedProcess launch(LaunchSpec spec) throws IOException {
    return start(spec, null);
  }

  /**
   * With sandboxes on networks of their own, the Runtime API listener is opened inside the
   * sandbox's namespace: a stub's, made ahead of time, or, on the direct path, the one bubblewrap
   * makes, while the sandbox waits for the address on its standard input ({@link LaunchCommand}'s
   * gate).
   */
  @Override
  public LaunchedProcess launch(LaunchSpec spec, Endpoints endpoints) throws IOException {
    if (!protections.network().separate()) {
      return ProcessLauncher.super.launch(spec, endpoints);
    }
    return start(spec, endpoints);
  }

  private LaunchedProcess start(LaunchSpec spec, Endpoints endpoints) throws IOException {
    SandboxSpec s = spec.sandbox();
    if (s.launch().image()) {
      if (!protections.isolated()) {
        throw new LaunchRefusedException(
            ImageCommand.NEEDS_BUBBLEWRAP + protections.bwrapProblem());
      }
      ExecCheck.checkImage(s.launch(), protections.dropsPrivileges());
    } else {
      ExecCheck.check(s.launch().executable()); // wrappers would hide exec errors behind theirs
    }
    Path emulator = null;
    Architecture binary = s.launch().emulate();
    if (binary != null && binary != Architecture.host()) {
      if (protections.qemu() == null) {
        throw new IOException(
            "error=8, Exec format error (an "
                + binary.wireName()
                + " binary on an "
                + Architecture.host().wireName()
                + " host: apt-get install qemu-user-static to run it emulated)");
      }
      emulator = protections.qemu();
    }
    LaunchCommand.CacheMode cache = LaunchCommand.NO_CACHE;
    StartupCache startupCache = s.launch().cache();
    if (startupCache != null) {
      if (Files.isRegularFile(startupCache.file())) {
        cache = new LaunchCommand.CacheMode.Use(startupCache.file());
      } else {
        recorder.request(s); // in the background: this start goes without
      }
    }
    String notice = notice(emulator != null, cache);
    userland.refresh(); // the host's /etc files as they are now, for this sandbox and the others
    LaunchStubs.Stub stub = stubs == null ? null : stubs.take(s);
    if (stub != null) {
      try {
        Map<String, String> environment =
            endpoints == null
                ? spec.environment()
                : withRuntimeApi(spec.environment(), endpoints, stub);
        stub.become(s, environment, emulator, stubs.links(), cache);
        return new HostProcess(
            stub.process(), stub.output(), stub.cgroup(), notice, stub.dir(), stub.network());
      } catch (IOException | RuntimeException e) {
        stubs.retire(stub); // start directly, which reports what is wrong
      }
    }
    Cgroup cgroup =
        protections.cgroups() == null
            ? null
            : protections.cgroups().create(spec.scratch().getFileName().toString(), s.memorySize());
    List<String> command;
    try {
      command =
          LaunchCommand.build(
              protections,
              userland,
              s,
              cgroup == null ? List.of() : cgroup.joinFiles(),
              emulator,
              cache);
    } catch (IllegalArgumentException | IllegalStateException e) {
      if (cgroup != null) {
        cgroup.destroy();
      }
      throw new LaunchRefusedException(e.getMessage());
    }
    Map<String, String> environment = new LinkedHashMap<>();
    if (protections.isolated()) { // root runs the chain up to setpriv: see LoaderVariables
      environment.putAll(LoaderVariables.saved(spec.environment()));
    } else {
      spec.environment().forEach((k, v) -> environment.put(k, LaunchCommand.toHost(v, s)));
    }
    Spawn spawn =
        Spawn.of(command)
            .directory(protections.isolated() ? spec.scratch() : s.codeRoot())
            .environment(environment);
    boolean gated = endpoints != null; // the sandbox's own network: it waits for its address
    boolean extensions = LaunchCommand.extensionStage(s, cache); // it waits for them to register
    if (gated || extensions) {
      spawn.inputPipe();
    }
    OutputPipe output = OutputPipe.open();
    Process process = null;
    try {
      process = spawn.outputTo(output).start();
      output.closeWriteEnd();
      OwnNetwork network = gated ? openGate(process, endpoints, extensions) : null;
      HostProcess started = new HostProcess(process, output, cgroup, notice, null, network);
      if (extensions) {
        started.gate(process.getOutputStream());
      }
      return started;
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        ProcessTree.kill(process);
      }
      output.close();
      if (cgroup != null) {
        cgroup.destroy();
      }
      throw e;
    }
  }

  /** Sets up the network of a sandbox started directly, then lets its runtime start. */
  private OwnNetwork openGate(Process process, Endpoints endpoints, boolean keepInput)
      throws IOException {
    OwnNetwork network;
    try {
      network = OwnNetwork.attach(protections.network(), process.pid());
    } catch (IOException e) {
      throw new NetworkSetupException(e.getMessage(), e);
    }
    try {
      String address;
      try {
        address = endpoints.open(network.namespace());
      } catch (IOException e) {
        throw new NetworkSetupException("its Runtime API: " + e.getMessage(), e);
      }
      OutputStream in = process.getOutputStream();
      in.write((address + "\n").getBytes(StandardCharsets.US_ASCII));
      if (keepInput) {
        in.flush(); // the extensions' stage reads the next line
      } else {
        in.close();
      }
      return network;
    } catch (IOException | RuntimeException e) {
      network.close();
      throw e;
    }
  }

  private Map<String, String> withRuntimeApi(
      Map<String, String> environment, Endpoints endpoints, LaunchStubs.Stub stub)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>(environment);
    OwnNetwork network = stub.network();
    try {
      network.forwardApi(protections.network());
      RuntimeEndpoint.Reservation reserved = stub.claimReservation();
      env.put(
          LaunchCommand.RUNTIME_API,
          reserved != null ? endpoints.claim(reserved) : endpoints.open(network.namespace()));
    } catch (IOException e) {
      throw new NetworkSetupException("its Runtime API: " + e.getMessage(), e);
    }
    return env;
  }

  /**
   * Makes {@code spec}'s startup cache now, ahead of its first cold start (a version published with
   * SnapStart): the recording {@link #launch} would otherwise ask for after that start. The future
   * completes when the file is there (true), or when there is none to make or it could not be made
   * (false); a recording already made or in progress is not repeated.
   */
  public CompletableFuture<Boolean> prepareStartupCache(SandboxSpec spec) {
    StartupCache c = spec.launch().cache();
    if (c == null) {
      return CompletableFuture.completedFuture(false);
    }
    if (Files.isRegularFile(c.file())) {
      return CompletableFuture.completedFuture(true);
    }
    return recorder.request(spec);
  }

  /** Ends the launch stubs and any startup-cache recording; running sandboxes are their owners'. */
  @Override
  public void close() {
    recorder.close();
    if (stubs != null) {
      stubs.close();
    }
  }

  private static String notice(boolean emulated, LaunchCommand.CacheMode cache) {
    if (emulated) {
      return "[outlet] this arm64 binary runs emulated by qemu-aarch64-static on an x86_64 host:"
          + " expect it to be several times slower than on Lambda";
    }
    if (cache instanceof LaunchCommand.CacheMode.Use) {
      return "[outlet] the JVM starts from a class-data cache made from an earlier init of this"
          + " code, configuration and JDK (made again when any of them changes)";
    }
    return null;
  }

  /**
   * Runs the function's runtime once in a sandbox of its own to make its startup cache: the same
   * command and isolation, with the cache's recording options, a writable folder for the file, and
   * a Runtime API address nobody answers, so the runtime initializes (loads the handler, runs the
   * function's init code), fails to fetch an event, and exits, writing the file. Blocks up to two
   * minutes; the file is moved into place only when complete.
   */
  private void record(SandboxSpec s) {
    StartupCache c = s.launch().cache();
    Path dir = null;
    Cgroup cgroup = null;
    Process process = null;
    try {
      Files.createDirectories(c.file().getParent());
      dir = Files.createTempDirectory(c.file().getParent(), ".recording-");
      if (protections.dropsPrivileges()) {
        Files.setAttribute(dir, "unix:uid", LaunchCommand.SANDBOX_UID);
        Files.setAttribute(dir, "unix:gid", LaunchCommand.SANDBOX_GID);
      }
      cgroup =
          protections.cgroups() == null
              ? null
              : protections
                  .cgroups()
                  .create(
                      "cache-" + dir.getFileName().toString().replace('.', '-'),
                      Math.max(s.memorySize(), RECORDING_MEMORY_MB));
      ProcessBuilder pb =
          new ProcessBuilder(
              LaunchCommand.build(
                  protections,
                  userland,
                  s,
                  cgroup == null ? List.of() : cgroup.joinFiles(),
                  null,
                  new LaunchCommand.CacheMode.Record(dir)));
      String taskRoot = protections.isolated() ? LaunchCommand.TASK_ROOT : s.codeRoot().toString();
      pb.directory(protections.isolated() ? dir.toFile() : s.codeRoot().toFile());
      pb.environment().clear();
      RuntimeEnvironment.build(
              s,
              UNANSWERED,
              taskRoot,
              "outlet-startup-cache",
              protections.isolated() ? "/tmp" : dir.toString())
          .forEach(
              (k, v) ->
                  pb.environment().put(k, protections.isolated() ? v : LaunchCommand.toHost(v, s)));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Path log = dir.resolve("recording.log");
      pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      pb.redirectErrorStream(true);
      process = pb.start();
      if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
        return;
      }
      Path made = dir.resolve(LaunchCommand.CACHE_FILE);
      if (Files.isRegularFile(made) && Files.size(made) > 0) {
        Files.setPosixFilePermissions(
            made, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(made, c.file(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } else {
        // kept beside where the cache would be, for whoever wonders why there is none
        Files.move(
            log,
            c.file().resolveSibling(c.file().getFileName() + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // no cache this time: starts go without it, as before
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (process != null) {
        ProcessTree.kill(process);
      }
      if (cgroup != null) {
        cgroup.destroy();
      }
      if (dir != null) {
        Scratch.delete(dir);
      }
    }
  }

  @Override
  public void reserveWith(RuntimeEndpoint.Factory endpoints) {
    if (stubs != null && protections.network().separate()) {
      stubs.reserveWith(endpoints);
    }
  }

  @Override
  public String taskRoot(LaunchSpec spec) {
    return protections.isolated() ? LaunchCommand.TASK_ROOT : spec.sandbox().codeRoot().toString();
  }

  /** A JVM's recording writes its cache at exit from a second JVM: give it room for both. */
  private static final int RECORDING_MEMORY_MB = 1024;

  /** A Runtime API address nothing answers (the discard port): a recording run never gets work. */
  private static final String UNANSWERED = "127.0.0.1:9";
}
