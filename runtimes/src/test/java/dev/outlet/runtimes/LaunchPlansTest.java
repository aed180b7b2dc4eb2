package dev.outlet.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LoggingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchPlansTest {
  private static final Path FILES = Path.of("/data/runtimes/h/python");
  private static final Path CODE = Path.of("/data/code/abc");
  private static final Path CACHES = Path.of("/data/caches");

  private static FunctionConfig config(
      String runtime, String handler, int memory, Map<String, String> env) {
    return new FunctionConfig(
        runtime,
        handler,
        "role",
        "",
        memory,
        3,
        Architecture.host(),
        512,
        env,
        LoggingConfig.DEFAULT);
  }

  private static Resolution.Served served(Family f, String version, String exe) {
    return new Resolution.Served(
        new Interpreter(f, version, Path.of(exe), Path.of(exe).getParent().getParent()),
        List.of(),
        false);
  }

  private static LaunchPlan plan(String runtime, Resolution.Served s, FunctionConfig c) {
    return LaunchPlans.managed(
        RuntimeId.parse(runtime).orElseThrow(),
        s,
        FILES,
        List.of("b.jar", "a.jar"),
        c,
        CODE,
        CACHES);
  }

  @Test
  void aManagedRuntimeStartsThroughItsExecWrapperAndACustomOneDoesNot() {
    LaunchPlan p =
        plan(
            "python3.11",
            served(Family.PYTHON, "3.11.2", "/usr/bin/python3.11"),
            config(
                "python3.11",
                "app.handler",
                128,
                java.util.Map.of("AWS_LAMBDA_EXEC_WRAPPER", " /opt/wrapper ")));
    assertThat(p.command())
        .containsExactly("/opt/wrapper", "/usr/bin/python3.11", "/var/runtime/bootstrap.py");
    assertThat(p.executable()).isEqualTo(Path.of("/usr/bin/python3.11"));
    LaunchPlan blank =
        plan(
            "python3.11",
            served(Family.PYTHON, "3.11.2", "/usr/bin/python3.11"),
            config(
                "python3.11", "app.handler", 128, java.util.Map.of("AWS_LAMBDA_EXEC_WRAPPER", "")));
    assertThat(blank.command().getFirst()).isEqualTo("/usr/bin/python3.11");
  }

  @Test
  void pythonRunsTheRuntimeLoopFromVarRuntime() {
    LaunchPlan p =
        plan(
            "python3.11",
            served(Family.PYTHON, "3.11.2", "/usr/bin/python3.11"),
            config("python3.11", "app.handler", 128, null));
    assertThat(p.command()).containsExactly("/usr/bin/python3.11", "/var/runtime/bootstrap.py");
    assertThat(p.environment())
        .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")
        .containsEntry("PYTHONPATH", "/var/runtime")
        .containsEntry("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    assertThat(p.runtimeFiles()).isEqualTo(FILES);
    assertThat(p.runtimeVersion()).isEqualTo("python:3.11.2");
    assertThat(p.hostMounts()).isEmpty();
    assertThat(p.cache()).isNull();
  }

  @Test
  void nodeGetsHeapFlagsFromItsMemoryAndLambdasNodePath() {
    LaunchPlan p =
        plan(
            "nodejs20.x",
            served(Family.NODEJS, "20.20.2", "/usr/bin/node"),
            config("nodejs20.x", "index.handler", 1024, null));
    assertThat(p.command().getFirst()).isEqualTo("/usr/bin/node");
    assertThat(p.command())
        .contains("--max-semi-space-size=51", "--max-old-space-size=922")
        .endsWith("/var/runtime/index.mjs");
    assertThat(LaunchPlans.nodeFlags(128))
        .contains("--max-semi-space-size=6", "--max-old-space-size=116");
    assertThat(p.environment().get("NODE_PATH"))
        .isEqualTo(
            "/opt/nodejs/node20/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules"
                + ":/var/runtime:/var/task");
  }

  @Test
  void javaStartsAwssRuntimeClientWithLambdasJvmDefaultsAndAStartupCache() {
    LaunchPlan p =
        plan(
            "java21",
            served(Family.JAVA, "21.0.5", "/usr/lib/jvm/jdk-21/bin/java"),
            config("java21", "example.Handler::handleRequest", 1024, null));
    assertThat(p.command())
        .contains(
            "-XX:MaxHeapSize=870m",
            "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            "/var/runtime/lib/b.jar:/var/runtime/lib/a.jar")
        .endsWith(LaunchPlans.RIC_MAIN, "example.Handler::handleRequest");
    assertThat(p.cache().file().getParent()).isEqualTo(CACHES);
    assertThat(p.cache().useArgs()).contains("-XX:SharedArchiveFile={cache}");
    assertThat(p.cache().recordArgs()).contains("-XX:ArchiveClassesAtExit={cache}");
  }

  @Test
  void jdk25AndLaterUseAnAotCache() {
    LaunchPlan p =
        plan(
            "java25",
            served(Family.JAVA, "25.0.3", "/usr/lib/jvm/jdk-25/bin/java"),
            config("java25", "a.B", 512, null));
    assertThat(p.cache().useArgs()).contains("-XX:AOTCache={cache}");
    assertThat(p.cache().recordArgs()).contains("-XX:AOTCacheOutput={cache}");
  }

  @Test
  void javaToolOptionsOverrideTheDefaultsTheyName() {
    LaunchPlan p =
        plan(
            "java17",
            served(Family.JAVA, "17.0.15", "/usr/lib/jvm/jdk-17/bin/java"),
            config(
                "java17",
                "a.B",
                512,
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx200m -XX:-TieredCompilation -XX:+UseParallelGC")));
    assertThat(p.command())
        .noneMatch(w -> w.startsWith("-XX:MaxHeapSize"))
        .noneMatch(w -> w.contains("Tiered"))
        .doesNotContain("-XX:+UseSerialGC");
  }

  @Test
  void theCacheChangesWithTheCodeTheCommandAndTheJvmOptionsButNotOtherVariables() {
    Resolution.Served jdk = served(Family.JAVA, "21.0.5", "/usr/lib/jvm/jdk-21/bin/java");
    Path a = plan("java21", jdk, config("java21", "a.B", 512, Map.of("X", "1"))).cache().file();
    assertThat(plan("java21", jdk, config("java21", "a.B", 512, Map.of("X", "1"))).cache().file())
        .isEqualTo(a);
    assertThat(plan("java21", jdk, config("java21", "a.B", 512, Map.of("X", "2"))).cache().file())
        .isEqualTo(a);
    assertThat(
            plan(
                    "java21",
                    jdk,
                    config("java21", "a.B", 512, Map.of("X", "1", "JAVA_TOOL_OPTIONS", "-Da=b")))
                .cache()
                .file())
        .isNotEqualTo(a);
    assertThat(plan("java21", jdk, config("java21", "a.C", 512, Map.of("X", "1"))).cache().file())
        .isNotEqualTo(a);
    assertThat(plan("java21", jdk, config("java21", "a.B", 1024, Map.of("X", "1"))).cache().file())
        .isNotEqualTo(a);
  }

  @Test
  void anInterpreterOutsideUsrIsMountedAtItsPrefix() {
    LaunchPlan p =
        plan(
            "python3.12",
            served(Family.PYTHON, "3.12.1", "/root/.pyenv/versions/3.12.1/bin/python3.12"),
            config("python3.12", "a.b", 128, null));
    assertThat(p.hostMounts()).containsExactly(Path.of("/root/.pyenv/versions/3.12.1"));
  }

  @Test
  void aMappedInterpreterIsNamedInTheRuntimeVersion() {
    Resolution.Served s =
        new Resolution.Served(
            new Interpreter(
                Family.PYTHON, "3.11.2", Path.of("/usr/bin/python3.11"), Path.of("/usr/bin")),
            List.of("[outlet] mapped"),
            true);
    LaunchPlan p = plan("python3.12", s, config("python3.12", "a.b", 128, null));
    assertThat(p.runtimeVersion())
        .isEqualTo("python:3.11.2 (serve --runtime python3.12=/usr/bin/python3.11)");
    assertThat(p.notices()).containsExactly("[outlet] mapped");
  }

  @Test
  void aCustomRuntimeRunsItsBootstrapAndGo1xSaysItIsRetired() {
    LaunchPlan p =
        LaunchPlans.provided(
            config("provided.al2023", "x", 128, null),
            CODE,
            new Entrypoint("bootstrap", Entrypoint.Kind.BOOTSTRAP, false, Architecture.ARM64));
    assertThat(p.command()).containsExactly("/var/task/bootstrap");
    assertThat(p.executable()).isEqualTo(CODE.resolve("bootstrap"));
    assertThat(p.emulate()).isEqualTo(Architecture.ARM64);
    assertThat(p.runtimeVersion()).isEqualTo("provided:al2023.v1");
    LaunchPlan go =
        LaunchPlans.provided(
            config("go1.x", "main", 128, null),
            CODE,
            new Entrypoint("main", Entrypoint.Kind.HANDLER_EXECUTABLE, true, null));
    assertThat(go.notices()).singleElement().asString().contains("go1.x was retired");
    assertThat(go.emulate()).isNull();
  }
}
