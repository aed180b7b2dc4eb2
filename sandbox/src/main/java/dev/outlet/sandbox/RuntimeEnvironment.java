package dev.outlet.sandbox;

import dev.outlet.core.LoggingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment of a runtime process, as lambda-contract.md §1.9 records it. */
public final class RuntimeEnvironment {
  private RuntimeEnvironment() {}

  /**
   * Builds the environment, from the bottom up: Lambda's values of the variables a function may
   * replace ({@code PATH}, {@code LD_LIBRARY_PATH}, {@code LANG}, {@code TZ}: AWS's "unreserved"
   * ones), what the launch plan adds (a managed runtime's {@code AWS_EXECUTION_ENV}, its PATH with
   * {@code /var/lang/bin}, ...; a container image's {@code Env}), the function's variables, and
   * Lambda's reserved variables over all of them (the control plane refuses to let users set
   * those).
   *
   * <p>For an image, {@code _HANDLER} is the command's last word when it has two or more (an AWS
   * base image's {@code ENTRYPOINT ["/lambda-entrypoint.sh"]} with {@code CMD ["app.handler"]}; its
   * entrypoint script sets it again from its first argument), else empty: Outlet cannot tell which
   * words of the command were the CMD once the plan is made.
   */
  public static Map<String, String> build(
      SandboxSpec spec, String runtimeApi, String taskRoot, String logStream, String tmpDir) {
    Map<String, String> lambda = new LinkedHashMap<>();
    reserved(lambda, spec, runtimeApi, taskRoot, logStream, tmpDir);
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : UNRESERVED) {
      env.put(name, lambda.get(name));
    }
    env.putAll(spec.launch().environment());
    env.putAll(spec.userEnvironment());
    lambda.keySet().removeAll(UNRESERVED);
    env.putAll(lambda);
    if (spec.launch().image()) {
      java.util.List<String> command = spec.launch().command();
      env.put("_HANDLER", command.size() >= 2 ? command.getLast() : "");
    }
    return env;
  }

  /** Lambda's values the launch plan, an image's {@code Env} and the function may replace. */
  private static final java.util.List<String> UNRESERVED =
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
