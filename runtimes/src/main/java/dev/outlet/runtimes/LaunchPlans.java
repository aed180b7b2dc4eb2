package dev.outlet.runtimes;

import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.StartupCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command and environment each kind of runtime starts with, as Lambda's runtimes start (pure):
 *
 * <ul>
 *   <li>custom ({@code provided*}, {@code go1.x}): {@code /var/task/bootstrap} (or the executable
 *       the package inspection chose), emulated when it is a binary for the other architecture;
 *   <li>Python: {@code python3.X /var/runtime/bootstrap.py}, {@code PYTHONPATH=/var/runtime};
 *   <li>Node.js: {@code node} with Lambda's heap flags on {@code /var/runtime/index.mjs}, {@code
 *       NODE_PATH} as Lambda's;
 *   <li>Java: {@code java} with Lambda's JVM defaults (tiered compilation stopping at C1, serial
 *       GC, a heap of 85 % of the memory) and AWS's runtime interface client with the handler,
 *       unless the function's {@code JAVA_TOOL_OPTIONS} says otherwise.
 * </ul>
 *
 * Managed runtimes get {@code AWS_EXECUTION_ENV=AWS_Lambda_<runtime>} and the al2023 PATH and
 * LD_LIBRARY_PATH (with {@code /var/lang}), and start through the function's {@code
 * AWS_LAMBDA_EXEC_WRAPPER} when it names one.
 */
public final class LaunchPlans {
  static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /**
   * A managed runtime's wrapper script ({@code AWS_LAMBDA_EXEC_WRAPPER}, typically a layer's {@code
   * /opt/...}): started in the runtime's place with the runtime's command as its arguments, which
   * it runs (changed or not) with {@code exec}. Custom runtimes do not use it, as on Lambda.
   */
  static final String EXEC_WRAPPER = "AWS_LAMBDA_EXEC_WRAPPER";

  private LaunchPlans() {}

  /** A custom runtime: the package's own executable. */
  public static LaunchPlan provided(FunctionConfig c, Path codeRoot, Entrypoint e) {
    return provided(c, codeRoot, null, e);
  }

  /**
   * A custom runtime: the package's own executable, or its layers' {@code /opt/bootstrap}; for a
   * package with neither, a plan whose sandboxes never start (Runtime.InvalidEntrypoint with the
   * inspection's message).
   */
  public static LaunchPlan provided(FunctionConfig c, Path codeRoot, Path opt, Entrypoint e) {
    if (e.kind() == Entrypoint.Kind.MISSING) {
      return new LaunchPlan(
          List.of(LaunchPlan.TASK_ROOT + "/bootstrap"),
          codeRoot.resolve("bootstrap"),
          null,
          null,
          Map.of(),
          List.of(),
          providedVersion(c.runtime()),
          List.of(),
          "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]. " + e.missing(),
          null);
    }
    if (e.kind() == Entrypoint.Kind.LAYER_BOOTSTRAP && opt != null) {
      return new LaunchPlan(
          List.of("/opt/" + e.path()),
          opt.resolve(e.path()),
          e.script() ? null : e.elfArchitecture(),
          null,
          Map.of(),
          List.of(),
          providedVersion(c.runtime()),
          List.of(),
          null,
          null);
    }
    List<String> notices = new ArrayList<>();
    if ("go1.x".equals(c.runtime())) {
      notices.add(
          "[outlet] runtime go1.x was retired by AWS in 2024; Outlet runs "
              + e.path()
              + " through the Runtime API. Migrate: name the binary bootstrap and use"
              + " provided.al2023.");
    }
    return new LaunchPlan(
        List.of(LaunchPlan.TASK_ROOT + "/" + e.path()),
        codeRoot.resolve(e.path()),
        e.script() ? null : e.elfArchitecture(),
        null,
        Map.of(),
        List.of(),
        providedVersion(c.runtime()),
        notices,
        null,
        null);
  }

  static String providedVersion(String runtime) {
    return switch (runtime) {
      case "provided.al2023" -> "provided:al2023.v1";
      case "provided.al2" -> "provided:al2.v1";
      case "go1.x" -> "go:1.v1";
      default -> "provided:al.v1";
    };
  }

  /**
   * A managed runtime served by {@code served}.
   *
   * @param files the runtime's folder (shown at /var/runtime)
   * @param javaJars for Java, the runtime's jars in class-path order
   * @param codeRoot the function's extracted package * @param caches where startup caches are kept
   *     (a JVM's class-data archive per code version), or null for none
   */
  public static LaunchPlan managed(
      RuntimeId id,
      Resolution.Served served,
      Path files,
      List<String> javaJars,
      FunctionConfig c,
      Path codeRoot,
      Path caches) {
    Interpreter i = served.interpreter();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + id.id());
    env.put("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    env.put(
        "LD_LIBRARY_PATH",
        "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib"
            + ":/opt/lib");
    List<String> command = new ArrayList<>();
    command.add(i.executable().toString());
    switch (id.family()) {
      case PYTHON -> {
        env.put("PYTHONPATH", LaunchPlan.RUNTIME_DIR);
        env.put("LC_CTYPE", "C.UTF-8");
        command.add(LaunchPlan.RUNTIME_DIR + "/bootstrap.py");
      }
      case NODEJS -> {
        env.put(
            "NODE_PATH",
            "/opt/nodejs/node"
                + id.major()
                + "/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules"
                + ":/var/runtime:/var/task");
        command.addAll(nodeFlags(c.memorySize()));
        command.add(LaunchPlan.RUNTIME_DIR + "/index.mjs");
      }
      case JAVA -> {
        command.addAll(jvmFlags(c));
        if (i.major() >= 17) {
          command.add("--enable-native-access=ALL-UNNAMED"); // the client's JNI library
        }
        command.add(
            "-D" + JNI_PROPERTY + "=" + LaunchPlan.RUNTIME_DIR + "/lib/" + RuntimeFiles.JNI);
        command.add("-cp");
        command.add(
            String.join(
                ":", javaJars.stream().map(j -> LaunchPlan.RUNTIME_DIR + "/lib/" + j).toList()));
        command.add(RIC_MAIN);
        command.add(c.handler() == null ? "" : c.handler());
      }
    }
    String wrapper = c.environment() == null ? null : c.environment().get(EXEC_WRAPPER);
    if (wrapper != null && !wrapper.isBlank()) {
      command.addFirst(wrapper.strip()); // it gets the runtime's command as its arguments
    }
    List<String> notices = new ArrayList<>(served.notices());
    if (c.architecture() != Architecture.host()) {
      notices.add(
          "[outlet] this "
              + c.architecture().wireName()
              + " function runs on this host's "
              + Architecture.host().wireName()
              + " "
              + i.family().label()
              + " "
              + i.version()
              + ": its code runs the same, but native libraries built for "
              + c.architecture().wireName()
              + " cannot load here.");
    }
    String version = id.family().folder() + ":" + i.version();
    if (served.mapped()) {
      version += " (serve --runtime " + id.id() + "=" + i.executable() + ")";
    }
    StartupCache cache =
        id.family() == Family.JAVA && caches != null
            ? javaCache(i, caches.resolve(cacheKey(command, codeRoot, c) + ".cache"))
            : null;
    return new LaunchPlan(
        command, i.executable(), null, files, env, outsideUsr(i), version, notices, null, cache);
  }

  /** A runtime nothing here serves: its sandboxes fail with {@code message}. */
  public static LaunchPlan unavailable(String runtime, String message) {
    return new LaunchPlan(
        List.of(LaunchPlan.RUNTIME_DIR + "/unavailable"),
        Path.of("/nonexistent"),
        null,
        null,
        Map.of(),
        List.of(),
        runtime + ":unavailable",
        List.of(),
        message,
        null);
  }

  /**
   * Node.js's heap as Lambda's Node.js bootstrap sizes it: a tenth of the memory for the young
   * generation (half of it per semi-space), the rest for the old space, so V8 collects before the
   * cgroup's limit kills the runtime (128 MB: 6 and 116; 1,024 MB: 51 and 922).
   */
  static List<String> nodeFlags(int memoryMb) {
    int young = memoryMb / 10;
    return List.of(
        "--expose-gc",
        "--max-http-header-size",
        "81920",
        "--max-semi-space-size=" + young / 2,
        "--max-old-space-size=" + (memoryMb - young));
  }

  /**
   * Lambda's JVM defaults, each left out when the function's {@code JAVA_TOOL_OPTIONS} (or {@code
   * _JAVA_OPTIONS}) already sets it: the options on the command line would otherwise win over the
   * user's.
   */
  static List<String> jvmFlags(FunctionConfig c) {
    Map<String, String> env = c.environment() == null ? Map.of() : c.environment();
    String user =
        env.getOrDefault("JAVA_TOOL_OPTIONS", "") + " " + env.getOrDefault("_JAVA_OPTIONS", "");
    List<String> flags = new ArrayList<>();
    if (!user.contains("-Xmx")
        && !user.contains("MaxHeapSize")
        && !user.contains("MaxRAMPercentage")
        && !user.contains("MaxRAM=")) {
      flags.add("-XX:MaxHeapSize=" + (c.memorySize() * 85 / 100) + "m");
    }
    if (!user.contains("Tiered")) {
      flags.add("-XX:+TieredCompilation");
      flags.add("-XX:TieredStopAtLevel=1");
    }
    if (!user.matches(".*-XX:\\+Use\\w+GC.*")) {
      flags.add("-XX:+UseSerialGC");
    }

    flags.add("-Djava.net.preferIPv4Stack=true");
    return flags;
  }

  /**
   * The JVM's startup cache: an AOT cache on JDK 25 and later (classes loaded and linked, and their
   * profiles), a dynamic class-data archive before (classes loaded). Either is made at the exit of
   * a run that initialized the function, and ignored by a JVM that finds it does not match.
   */
  static StartupCache javaCache(Interpreter jdk, Path file) {
    String cache = StartupCache.PLACEHOLDER;
    if (jdk.major() >= 25) {
      return new StartupCache(
          file,
          List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"),
          List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
    }
    if (jdk.major() >= 13) {
      return new StartupCache(
          file,
          List.of("-XX:SharedArchiveFile=" + cache, "-Xlog:cds=off"),
          List.of("-XX:ArchiveClassesAtExit=" + cache, "-Xlog:cds=off"));
    }
    return null;
  }

  /**
   * One cache per command (JDK, flags, handler), code, and the JVM options the environment adds:
   * other variables do not change which classes make a valid cache, and changing one should not
   * throw it away.
   */
  static String cacheKey(List<String> command, Path codeRoot, FunctionConfig c) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update(String.join("\u0000", command).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      d.update(
          codeRoot.toAbsolutePath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Map<String, String> env = c.environment() == null ? Map.of() : c.environment();
      for (String name : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")) {
        d.update(
            (name + "=" + env.getOrDefault(name, "") + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return java.util.HexFormat.of().formatHex(d.digest()).substring(0, 32);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An interpreter installed outside /usr needs its folder shown in the sandbox. */
  private static List<Path> outsideUsr(Interpreter i) {
    Path home = i.family() == Family.JAVA ? i.home() : i.executable().getParent().getParent();
    if (home == null || home.startsWith("/usr")) {
      return List.of();
    }
    return List.of(home);
  }
}
