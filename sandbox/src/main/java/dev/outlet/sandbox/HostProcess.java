package dev.outlet.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A runtime process started on this host, with its cgroup, network and output pipe. */
final class HostProcess implements LaunchedProcess {
  private final Process process;
  private final OutputPipe output;
  private final Cgroup cgroup;
  private final String notice;
  private final CompletableFuture<Integer> exit;
  private final OwnNetwork network;
  private volatile boolean oom;
  private volatile long lastPeak;
  private OutputStream gate; // guarded by this

  synchronized void gate(OutputStream runtimeGate) {
    this.gate = runtimeGate;
  }

  @Override
  public void releaseRuntime() {
    OutputStream in;
    synchronized (this) {
      in = gate;
      gate = null;
    }
    if (in == null) {
      return;
    }
    try (in) {
      in.write('\n');
    } catch (IOException e) {
      // the sandbox is gone: its exit ends the invocation
    }
  }

  @Override
  public NetNamespace namespace() {
    return network == null ? null : network.namespace();
  }

  /**
   * @param ownDir a folder of this sandbox's alone (a launch stub's), removed when it exits
   */
  HostProcess(
      Process process,
      OutputPipe output,
      Cgroup cgroup,
      String notice,
      Path ownDir,
      OwnNetwork network) {
    this.process = process;
    this.output = output;
    this.cgroup = cgroup;
    this.notice = notice;
    this.network = network;
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
                  if (network != null) {
                    network.close();
                  }
                  return p.exitValue();
                });
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public OutputPipe output() {
    return output;
  }

  @Override
  public CompletableFuture<Integer> onExit() {
    return exit;
  }

  @Override
  public void kill() {
    if (cgroup != null) {
      // every process of the sandbox joined its group before it started another: the group's
      // list finds them all, where ProcessTree reads every process of the host (twice), which
      // took the launcher threads' CPU when hundreds of sandboxes stopped under a burst
      process.destroyForcibly();
      cgroup.destroy();
      return;
    }
    ProcessTree.kill(process);
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
    return notice;
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
