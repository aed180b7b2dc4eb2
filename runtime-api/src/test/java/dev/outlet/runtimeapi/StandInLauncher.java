package dev.outlet.runtimeapi;

import dev.outlet.sandbox.LaunchSpec;
import dev.outlet.sandbox.LaunchedProcess;
import dev.outlet.sandbox.ProcessLauncher;
import dev.outlet.sandbox.testkit.StandInProcess;

/**
 * Starts no process: its stand-in prints nothing and exits when killed; the test plays the runtime
 * at {@link #address}.
 */
final class StandInLauncher implements ProcessLauncher {
  volatile String address;

  @Override
  public LaunchedProcess launch(LaunchSpec spec) {
    address = spec.environment().get("AWS_LAMBDA_RUNTIME_API");
    return new StandInProcess();
  }

  @Override
  public String taskRoot(LaunchSpec spec) {
    return spec.sandbox().codeRoot().toString();
  }
}
