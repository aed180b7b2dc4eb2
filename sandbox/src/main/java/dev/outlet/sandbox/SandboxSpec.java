package dev.outlet.sandbox;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LoggingConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a sandbox runs: one function version's code and settings, frozen when the sandbox starts.
 *
 * @param key identifies the code and configuration: sandboxes of an older key are retired
 * @param opt the function's layers, merged: shown read-only at /opt (null: an empty /opt)
 * @param launch how the runtime is started (command, runtime files, environment)
 * @param userEnvironment the function's Environment.Variables
 */
public record SandboxSpec(
    String key,
    String functionName,
    String version,
    String runtime,
    String handler,
    int memorySize,
    int timeoutSeconds,
    int ephemeralStorage,
    Architecture architecture,
    Path codeRoot,
    Path opt,
    LaunchPlan launch,
    Map<String, String> userEnvironment,
    LoggingConfig logging,
    String region) {

  public String logGroup() {
    return logging.group(functionName);
  }

  /** The same sandbox with another environment and timeout (a debugging session). */
  public SandboxSpec with(String keySuffix, Map<String, String> environment, int timeout) {
    return new SandboxSpec(
        key + keySuffix,
        functionName,
        version,
        runtime,
        handler,
        memorySize,
        timeout,
        ephemeralStorage,
        architecture,
        codeRoot,
        opt,
        launch,
        environment,
        logging,
        region);
  }
}
