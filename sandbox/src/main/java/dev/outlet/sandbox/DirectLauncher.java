package dev.outlet.sandbox;

import dev.outlet.core.Architecture;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  private final LaunchStubs stubs;

  /** A launcher that starts every sandbox when it is needed (no launch stubs). */
  public DirectLauncher(Protections protections) {
    this.protections = protections;
    this.stubs = null;
  }

  /**
   * A launcher that keeps {@code stubs} sandboxes started ahead of time where sandboxes are
   * isolated (see {@link LaunchStubs}).
   *
   * @param stubRoot a folder of Outlet's own on the code store's filesystem, emptied now
   */
  public DirectLauncher(Protections protections, Path stubRoot, int stubs) throws IOException {
    this.protections = protections;
    this.stubs =
        stubs > 0 && protections.isolated() ? new LaunchStubs(protections, stubRoot, stubs) : null;
  }

  public Protections protections() {
    return protections;
  }

  @Override
  public LaunchedProcess launch(LaunchSpec spec) throws IOException {
    SandboxSpec s = spec.sandbox();
    Path exe = s.codeRoot().resolve(s.entrypoint().path());
    ExecCheck.check(exe); // wrappers would hide exec errors behind their own exit status
    Path emulator = null;
    Architecture binary = s.entrypoint().elfArchitecture();
    if (!s.entrypoint().script() && binary != null && binary != Architecture.host()) {
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
    LaunchStubs.Stub stub = stubs == null ? null : stubs.take(s);
    if (stub != null) {
      try {
        stub.become(s, spec.environment(), emulator, stubs.links());
        return new HostProcess(stub.process(), stub.cgroup(), emulator != null, stub.dir());
      } catch (IOException | RuntimeException e) {
        stubs.retire(stub); // start directly, which reports what is wrong
      }
    }
    Cgroup cgroup =
        protections.cgroups() == null
            ? null
            : protections.cgroups().create(spec.scratch().getFileName().toString(), s.memorySize());
    List<String> command =
        LaunchCommand.build(
            protections, s, cgroup == null ? List.of() : cgroup.joinFiles(), emulator);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(protections.isolated() ? spec.scratch().toFile() : s.codeRoot().toFile());
    pb.environment().clear();
    pb.environment().putAll(spec.environment());
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      return new HostProcess(pb.start(), cgroup, emulator != null, null);
    } catch (IOException e) {
      if (cgroup != null) {
        cgroup.destroy();
      }
      throw e;
    }
  }

  /** Ends the launch stubs; running sandboxes are their owners' to stop. */
  @Override
  public void close() {
    if (stubs != null) {
      stubs.close();
    }
  }

  @Override
  public String taskRoot(LaunchSpec spec) {
    return protections.isolated() ? LaunchCommand.TASK_ROOT : spec.sandbox().codeRoot().toString();
  }

  private static final class HostProcess implements LaunchedProcess {
    private final Process process;
    private final Cgroup cgroup;
    private final boolean emulated;
    private final CompletableFuture<Integer> exit;
    private volatile boolean oom;
    private volatile long lastPeak;

    /**
     * @param ownDir a folder of this sandbox's alone (a launch stub's), removed when it exits
     */
    HostProcess(Process process, Cgroup cgroup, boolean emulated, Path ownDir) {
      this.process = process;
      this.cgroup = cgroup;
      this.emulated = emulated;
      this.exit =
          process
              .onExit()
              .thenApply(
                  p -> {
                    if (cgroup != null) {
                      oom = cgroup.oomKilled();
                      peakMemoryBytes();
                      cgroup.destroy(); // whatever the runtime left running goes too
                    }
                    if (ownDir != null) {
                      Scratch.delete(ownDir);
                    }
                    return p.exitValue();
                  });
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public InputStream output() {
      return process.getInputStream();
    }

    @Override
    public CompletableFuture<Integer> onExit() {
      return exit;
    }

    @Override
    public void kill() {
      ProcessTree.kill(process.toHandle());
      if (cgroup != null) {
        cgroup.destroy();
      }
    }

    @Override
    public void initDone() {
      if (cgroup != null) {
        cgroup.endInit();
      }
    }

    @Override
    public long peakMemoryBytes() {
      if (!process.isAlive() && lastPeak > 0) {
        return lastPeak;
      }
      long peak = cgroup != null ? cgroup.peakBytes() : ProcStatus.peakResidentBytes(process.pid());
      if (peak > 0) {
        lastPeak = peak;
      }
      return lastPeak;
    }

    @Override
    public void resetPeak() {
      if (cgroup != null) {
        cgroup.resetPeak();
        return;
      }
      try {
        Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
      } catch (IOException | UnsupportedOperationException e) {
        // Older kernels or a process already gone: the peak then spans the sandbox's life.
      }
    }

    @Override
    public boolean oomKilled() {
      return oom;
    }

    @Override
    public String notice() {
      return emulated
          ? "[outlet] this arm64 binary runs emulated by qemu-aarch64-static on an x86_64 host:"
              + " expect it to be several times slower than on Lambda"
          : null;
    }
  }

  /** Reads the peak resident set of a process from procfs. */
  static final class ProcStatus {
    private ProcStatus() {}

    static long peakResidentBytes(long pid) {
      try {
        String status =
            Files.readString(
                Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        int at = status.indexOf("VmHWM:");
        if (at < 0) {
          return 0;
        }
        int end = status.indexOf('\n', at);
        String kb = status.substring(at + 6, end).replace("kB", "").trim();
        return Long.parseLong(kb) * 1024;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }
  }
}
