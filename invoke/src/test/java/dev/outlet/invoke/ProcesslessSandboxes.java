package dev.outlet.invoke;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LogSink;
import dev.outlet.core.LoggingConfig;
import dev.outlet.core.Ticker;
import dev.outlet.sandbox.LaunchSpec;
import dev.outlet.sandbox.LaunchedProcess;
import dev.outlet.sandbox.OutputPipe;
import dev.outlet.sandbox.ProcessLauncher;
import dev.outlet.sandbox.RuntimeEndpoint;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real sandboxes (state machine, log pump, scratch folder) made by the real {@link SandboxFactory},
 * whose runtime processes are stand-ins that print nothing and exit only when killed or told to
 * crash. No process is started and no port is opened.
 */
final class ProcesslessSandboxes implements ProcessLauncher {
  private final Map<String, FakeProcess> bySandboxId = new ConcurrentHashMap<>();

  SandboxFactory factory(Path scratchRoot, Ticker ticker) {
    RuntimeEndpoint.Factory endpoints = (sandbox, near) -> new NoEndpoint();
    return new SandboxFactory(
        this, endpoints, LogSink.DISCARD, scratchRoot, InstantSource.system(), ticker);
  }

  /** A spec of {@code function} at code/configuration {@code key}. */
  static SandboxSpec spec(String function, String key, Path codeRoot) {
    LaunchPlan plan =
        new LaunchPlan(
            List.of("/var/task/bootstrap"),
            codeRoot.resolve("bootstrap"),
            null,
            null,
            Map.of(),
            List.of(),
            "provided:al2.v1",
            List.of(),
            null,
            null);
    return new SandboxSpec(
        key,
        function,
        "$LATEST",
        "provided.al2",
        "main",
        128,
        3,
        512,
        Architecture.X86_64,
        codeRoot,
        plan,
        Map.of(),
        LoggingConfig.DEFAULT,
        "us-east-1");
  }

  /** Makes the runtime process of sandbox {@code id} exit on its own, as a crash. */
  void crash(String sandboxId) {
    bySandboxId.get(sandboxId).exit.complete(1);
  }

  @Override
  public LaunchedProcess launch(LaunchSpec spec) {
    FakeProcess p = new FakeProcess();
    bySandboxId.put(spec.scratch().getFileName().toString(), p);
    return p;
  }

  @Override
  public String taskRoot(LaunchSpec spec) {
    return spec.sandbox().codeRoot().toString();
  }

  private static final class FakeProcess implements LaunchedProcess {
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    @Override
    public long pid() {
      return 1;
    }

    @Override
    public OutputPipe output() {
      try {
        OutputPipe empty = OutputPipe.open();
        empty.closeWriteEnd(); // nothing will ever be written: end-of-file
        return empty;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public CompletableFuture<Integer> onExit() {
      return exit;
    }

    @Override
    public void kill() {
      exit.complete(137);
    }

    @Override
    public long peakMemoryBytes() {
      return 0;
    }

    @Override
    public void resetPeak() {}
  }

  private static final class NoEndpoint implements RuntimeEndpoint {
    @Override
    public String address() {
      return "127.0.0.1:1";
    }

    @Override
    public void close() {}
  }
}
