package dev.outlet.invoke;

import dev.outlet.core.LogSink;
import dev.outlet.core.Ticker;
import dev.outlet.sandbox.LaunchSpec;
import dev.outlet.sandbox.LaunchedProcess;
import dev.outlet.sandbox.ProcessLauncher;
import dev.outlet.sandbox.RuntimeEndpoint;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.testkit.Specs;
import dev.outlet.sandbox.testkit.StandInProcess;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real sandboxes (state machine, log pump, scratch folder) made by the real {@link SandboxFactory},
 * whose runtime processes are stand-ins that print nothing and exit only when killed or told to
 * crash. No process is started and no port is opened.
 */
final class ProcesslessSandboxes implements ProcessLauncher {
  private final Map<String, StandInProcess> bySandboxId = new ConcurrentHashMap<>();

  SandboxFactory factory(Path scratchRoot, Ticker ticker) {
    RuntimeEndpoint.Factory endpoints = (sandbox, near) -> StandInProcess.noEndpoint();
    return new SandboxFactory(
        this, endpoints, LogSink.DISCARD, scratchRoot, InstantSource.system(), ticker);
  }

  /** A spec of {@code function} at code/configuration {@code key}. */
  static SandboxSpec spec(String function, String key, Path codeRoot) {
    return Specs.provided(function, key, codeRoot);
  }

  /** Makes the runtime process of sandbox {@code id} exit on its own, as a crash. */
  void crash(String sandboxId) {
    bySandboxId.get(sandboxId).exit.complete(1);
  }

  @Override
  public LaunchedProcess launch(LaunchSpec spec) {
    StandInProcess p = new StandInProcess();
    bySandboxId.put(spec.scratch().getFileName().toString(), p);
    return p;
  }

  @Override
  public String taskRoot(LaunchSpec spec) {
    return spec.sandbox().codeRoot().toString();
  }
}
