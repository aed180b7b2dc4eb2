package dev.outlet.sandbox;

import dev.outlet.core.LoggingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment of a runtime process, as lambda-contract.md §1.9 records it. */
public final class RuntimeEnvironment {
  private RuntimeEnvironment() {}

  /**
   * Builds the environment of a zip function: the user's variables first, then the reserved ones
   * (which the control plane already refuses to let users set), then what the runtime's launch plan
   * adds (a managed runtime's {@code AWS_EXECUTION_ENV}, its PATH with {@code /var/lang/bin}, ...).
   * A container image's is built in another order (see {@link #image}).
   */
  public static Map<String, String> build(
      SandboxSpec spec, String runtimeApi, String taskRoot, String logStream, String tmpDir) {
    if (spec.launch().image()) {
      return image(spec, runtimeApi, taskRoot, logStream, tmpDir);
    }
    Map<String, String> env = new LinkedHashMap<>(spec.userEnvironment());
    reserved(env, spec, runtimeApi, taskRoot, logStream, tmpDir);
    env.putAll(spec.launch().environment());
    return env;
  }

  /**
   * A container image's environment, from the bottom up: Lambda's defaults ({@code PATH}, {@code
   * LD_LIBRARY_PATH}, {@code LANG}, {@code TZ}), the image's {@code Env}, the function's variables,
   * and Lambda's reserved variables over all of them.
   *
   * <p>{@code _HANDLER} is the command's last word when it has two or more (an AWS base image's
   * {@code ENTRYPOINT ["/lambda-entrypoint.sh"]} with {@code CMD ["app.handler"]}; its entrypoint
   * script sets it again from its first argument), else empty: Outlet cannot tell which words of
   * the command were the CMD once the plan is made.
   */
  private static Map<String, String> image(
      SandboxSpec spec, String runtimeApi, String taskRoot, String logStream, String tmpDir) {
    Map<String, String> defaults = new LinkedHashMap<>();
    reserved(defaults, spec, runtimeApi, taskRoot, logStream, tmpDir);
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : IMAGE_DEFAULTS) {
      env.put(name, defaults.get(name));
    }
    env.putAll(spec.launch().environment());
    env.putAll(spec.userEnvironment());
    defaults.keySet().removeAll(IMAGE_DEFAULTS);
    env.putAll(defaults);
    java.util.List<String> command = spec.launch().command();
    env.put("_HANDLER", command.size() >= 2 ? command.getLast() : "");
    return env;
  }

  /** Lambda's values an image's {@code Env} and the function's variables may replace. */
  private static final java.util.List<String> IMAGE_DEFAULTS =
      java.util.List.of("PATH", "LD_LIBRARY_PATH", "LANG", "TZ");

  private static void reserved(
      Map<String, String> env,
      SandboxSpec spec,
      String runtimeApi,
      String taskRoot,
      String logStream,
      String tmpDir) {
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
  }
}
