package dev.outlet.sandbox;

import dev.outlet.core.LoggingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment of a runtime process, as lambda-contract.md §1.9 records it. */
public final class RuntimeEnvironment {
  private RuntimeEnvironment() {}

  /**
   * Builds the environment: the user's variables first, then the reserved ones (which the control
   * plane already refuses to let users set), then what the runtime's launch plan adds (a managed
   * runtime's {@code AWS_EXECUTION_ENV}, its PATH with {@code /var/lang/bin}, ...).
   */
  public static Map<String, String> build(
      SandboxSpec spec, String runtimeApi, String taskRoot, String logStream, String tmpDir) {
    Map<String, String> env = new LinkedHashMap<>(spec.userEnvironment());
    if (runtimeApi != null) { // else the launcher adds it once the listener is open
      env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    }
    env.put("_HANDLER", spec.handler() == null ? "" : spec.handler());
    env.put("LAMBDA_TASK_ROOT", taskRoot);
    env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
    env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySize()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroup());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_REGION", spec.region());
    env.put("AWS_DEFAULT_REGION", spec.region());
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    String al2 = "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:" + taskRoot + ":" + taskRoot;
    env.put("LD_LIBRARY_PATH", al2 + "/lib:/opt/lib");
    env.put("TMPDIR", tmpDir); // /tmp in a sandbox; the scratch folder when /tmp is the host's
    LoggingConfig logging = spec.logging();
    if (logging.json()) {
      env.put("AWS_LAMBDA_LOG_FORMAT", LoggingConfig.JSON);
      env.put("AWS_LAMBDA_LOG_LEVEL", logging.applicationLogLevel());
    }
    env.putAll(spec.launch().environment());
    return env;
  }
}
