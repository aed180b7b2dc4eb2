package dev.outlet.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts the runtime as a plain child process, with the code folder as working directory and
 * nothing inherited from Outlet's environment. The weakest isolation Outlet has: used when
 * bubblewrap is unavailable, and said so at start-up.
 *
 * <p>Max Memory Used comes from {@code /proc/PID/status} (VmHWM, the peak resident set of the
 * runtime process itself), reset per invocation through {@code /proc/PID/clear_refs}.
 */
public final class DirectLauncher implements ProcessLauncher {

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private final boolean dieWithOutlet = Files.isExecutable(SETPRIV);

  /**
   * Starts the runtime. When util-linux's setpriv is present the runtime gets SIGKILL if Outlet
   * dies ({@code --pdeathsig}), so even a {@code kill -9} of Outlet leaves no runtime behind; the
   * launching thread must then live as long as Outlet (the death signal follows the thread).
   */
  @Override
  public LaunchedProcess launch(LaunchSpec spec) throws IOException {
    SandboxSpec s = spec.sandbox();
    Path exe = s.codeRoot().resolve(s.entrypoint().path());
    ExecCheck.check(exe); // setpriv would hide exec errors behind its own exit status
    List<String> command =
        dieWithOutlet
            ? List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--", exe.toString())
            : List.of(exe.toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(s.codeRoot().toFile());
    pb.environment().clear();
    pb.environment().putAll(spec.environment());
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new Direct(pb.start());
  }

  @Override
  public String taskRoot(LaunchSpec spec) {
    return spec.sandbox().codeRoot().toString();
  }

  private static final class Direct implements LaunchedProcess {
    private final Process process;
    private final CompletableFuture<Integer> exit;

    Direct(Process process) {
      this.process = process;
      this.exit = process.onExit().thenApply(Process::exitValue);
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
    }

    @Override
    public long peakMemoryBytes() {
      return ProcStatus.peakResidentBytes(process.pid());
    }

    @Override
    public void resetPeak() {
      try {
        Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
      } catch (IOException | UnsupportedOperationException e) {
        // Older kernels or a process already gone: the peak then spans the sandbox's life.
      }
    }
  }

  /** Reads the peak resident set from procfs. */
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
