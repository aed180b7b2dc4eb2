package dev.outlet.sandbox;

import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a sandbox runs: one function version's code and settings, frozen when the sandbox starts.
 *
 * @param key identifies the code and configuration: sandboxes of an older key are retired
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
    Entrypoint entrypoint,
    Map<String, String> userEnvironment,
    String region) {

  public String logGroup() {
    return "/aws/lambda/" + functionName;
  }
}
