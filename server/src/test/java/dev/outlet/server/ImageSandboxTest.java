package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.Account;
import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LoggingConfig;
import dev.outlet.engine.Engine;
import dev.outlet.images.ImageArchive;
import dev.outlet.images.ImageConfigOverride;
import dev.outlet.images.ImageLaunch;
import dev.outlet.images.ImagePlan;
import dev.outlet.images.ImageReader;
import dev.outlet.images.RootfsStore;
import dev.outlet.invoke.InvocationObserver;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.Protections;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.server.testkit.GoEcho;
import dev.outlet.server.testkit.ImageLayouts;
import dev.outlet.server.testkit.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container-image functions run for real: images built here without Docker (a scratch image of one
 * static Go binary; an image laid out as AWS's base images are, with the host's dash and libc, an
 * entrypoint script and the runtime in /var/runtime), unpacked by {@link RootfsStore}, planned by
 * {@link ImagePlan}, started by Outlet's launcher under bubblewrap and invoked through the Runtime
 * API. Skipped, with the reason, where bubblewrap or Go is missing.
 */
class ImageSandboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static Engine engine;
  private static Path binary;
  private static RootfsStore store;
  private static final Map<String, String> REPORTS = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Protections p =
        Protections.probe(
            Protections.DEFAULT_BWRAP, Protections.DEFAULT_CGROUP_ROOT, Protections.DEFAULT_QEMU);
    assumeThat(p.isolated()).as("bubblewrap unavailable: " + p.bwrapProblem()).isTrue();
    GoEcho.assumeInstalled();
    Path go = Files.createDirectories(tmp.resolve("go"));
    binary =
        GoEcho.build(
            go,
            Path.of(System.getProperty("user.dir"), "src/test/resources/image-runtime/main.go"),
            "amd64");
    store = RootfsStore.create(tmp.resolve("images"));
    engine =
        new Engine(
            new Engine.Settings(
                tmp.resolve("data"),
                p,
                1,
                2,
                100,
                TimeUnit.MINUTES.toNanos(5),
                10_000,
                InvocationObserver.NONE,
                (group, stream, time, message) -> {
                  if (message.contains("Init Duration")) {
                    REPORTS.put(stream, message.strip());
                  }
                },
                new Account("us-east-1", "000000000000"),
                Map.of(),
                false,
                dev.outlet.storage.LocalStores.CHOICE));
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aScratchImageOfOneStaticBinaryRunsAsTheSandboxUserInItsOwnRoot() throws Exception {
    String marker = "scratch-" + UUID.randomUUID();
    Path layout =
        ImageLayouts.image()
            .file("bootstrap", Files.readAllBytes(binary), 0755)
            .entrypoint("/bootstrap")
            .cmd(marker)
            .write(tmp.resolve("scratch"));
    JsonNode seen = invoke(spec("scratch", plan(layout), Map.of()));
    assertThat(seen.path("handler").asText()).isEqualTo(marker);
    assertThat(seen.path("args").asText()).isEqualTo("/bootstrap " + marker);
    assertThat(seen.path("uid").asText()).isEqualTo("993");
    assertThat(seen.path("cwd").asText()).isEqualTo("/");
    assertThat(seen.path("user").asText()).isEqualTo("sbx_user1051");
    assertThat(seen.path("tmp").asText()).isEqualTo("ok");
    assertThat(seen.path("root").asText()).contains("read-only file system");
  }

  @Test
  void anImageLaidOutAsAwsBaseImagesRunsItsEntrypointScriptWithTheImagesEnvUnderTheFunctions()
      throws Exception {
    Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    assumeThat(Files.exists(libc)).as("not a Debian x86_64 host: no " + libc).isTrue();
    Path layout =
        ImageLayouts.awsBase(
                binary,
                "FROM_IMAGE=image",
                "BOTH=image",
                "LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/task")
            .write(tmp.resolve("base"));
    SandboxSpec spec = spec("base", plan(layout), Map.of("BOTH", "function"));
    JsonNode seen = invoke(spec);
    assertThat(seen.path("handler").asText()).isEqualTo("app.handler");
    assertThat(seen.path("args").asText()).isEqualTo("/var/runtime/bootstrap");
    assertThat(seen.path("cwd").asText()).isEqualTo("/var/task");
    assertThat(seen.path("uid").asText()).isEqualTo("993");
    assertThat(seen.path("PATH").asText())
        .isEqualTo("/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    assertThat(seen.path("FROM_IMAGE").asText()).isEqualTo("image");
    assertThat(seen.path("BOTH").asText()).isEqualTo("function");
    assertThat(seen.path("LAMBDA_TASK_ROOT").asText()).isEqualTo("/var/task");
    assertThat(seen.path("TZ").asText()).isEqualTo(":UTC");
    assertThat(seen.path("LD_LIBRARY_PATH").asText())
        .isEqualTo("/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/task");
    assertThat(seen.path("OUTLET_SAVED_LD_LIBRARY_PATH").asText()).isEmpty();
    assertThat(seen.path("tmp").asText()).isEqualTo("ok");
    assertThat(seen.path("root").asText()).contains("read-only file system");

    String stream = seen.path("AWS_LAMBDA_LOG_STREAM_NAME").asText();
    assertThat(Processes.ofSandbox(stream)).isNotEmpty();
    for (long pid : Processes.ofSandbox(stream)) { // bwrap and the runtime
      String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"));
      boolean runtime =
          ProcessHandle.of(pid)
              .flatMap(h -> h.info().command())
              .orElse("")
              .endsWith("/var/runtime/bootstrap");
      assertThat(environ.contains("\0LD_LIBRARY_PATH=") || environ.startsWith("LD_LIBRARY_PATH="))
          .as("LD_LIBRARY_PATH in the environment of " + pid)
          .isEqualTo(runtime);
    }
    for (long pid : Processes.ofSandbox(stream)) {
      System.out.println(
          "CMDLINE " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"));
    }
    engine.pool().retire(spec.functionName()); // as when the function is deleted
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Processes.ofSandbox(stream).isEmpty());
  }

  @Test
  void theNextColdStartOfAnImageTakesALaunchStubMadeForItsRootFilesystem() throws Exception {
    Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    assumeThat(Files.exists(libc)).as("not a Debian x86_64 host: no " + libc).isTrue();
    Path layout =
        ImageLayouts.awsBase(
                binary, "FROM_IMAGE=image", "LD_LIBRARY_PATH=/var/lang/lib:/lib64:/var/task")
            .write(tmp.resolve("stubbed"));
    LaunchPlan plan = plan(layout);
    java.util.List<Boolean> stubbed = new java.util.ArrayList<>();
    // the first cold start asks for a stub for this root filesystem; a later one (new variables,
    // as after an update of the configuration) takes it
    for (int i = 0; i < 6 && (i < 3 || !stubbed.contains(true)); i++) {
      SandboxSpec spec = spec("stubbed", plan, Map.of("IMAGE_VERSION", "v" + i));
      JsonNode seen = invoke(spec);
      String stream = seen.path("AWS_LAMBDA_LOG_STREAM_NAME").asText();
      java.util.List<Long> pids = Processes.ofSandbox(stream);
      long runtime =
          pids.stream()
              .filter(
                  pid ->
                      ProcessHandle.of(pid)
                          .flatMap(h -> h.info().command())
                          .orElse("")
                          .endsWith("/var/runtime/bootstrap"))
              .findFirst()
              .orElseThrow();
      boolean stub = fromAStub(runtime);
      stubbed.add(stub);
      System.out.println(
          "IMAGE COLD START " + i + (stub ? " (stub): " : " (direct): ") + REPORTS.get(stream));
      assertThat(seen.path("IMAGE_VERSION").asText()).isEqualTo("v" + i);
      assertThat(seen.path("FROM_IMAGE").asText()).isEqualTo("image");
      assertThat(seen.path("uid").asText()).isEqualTo("993");
      assertThat(seen.path("cwd").asText()).isEqualTo("/var/task");
      assertThat(seen.path("args").asText()).isEqualTo("/var/runtime/bootstrap");
      assertThat(seen.path("LD_LIBRARY_PATH").asText()).isEqualTo("/var/lang/lib:/lib64:/var/task");
      assertThat(seen.path("OUTLET_SAVED_LD_LIBRARY_PATH").asText()).isEmpty();
      assertThat(seen.path("root").asText()).contains("read-only file system");
      assertThat(seen.path("tmp").asText()).isEqualTo("ok");
      if (stub) {
        // only the runtime: what set the stub up never had the function's variables
        assertThat(pids).containsExactly(runtime);
        assertNoAncestorHasTheLoadersVariables(runtime);
      }
      engine.pool().retire(spec.functionName());
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Processes.ofSandbox(stream).isEmpty());
    }
    assertThat(stubbed.getFirst()).as("no stub before the image was first asked for").isFalse();
    assertThat(stubbed).contains(true);
  }

  /**
   * Whether the sandbox of {@code runtime} was a launch stub: bubblewrap, outside the sandbox, runs
   * in the stub's own folder (DATA/stubs/stub-...), where a direct start runs it in the sandbox's
   * scratch folder.
   */
  private static boolean fromAStub(long runtime) {
    for (ProcessHandle p = ProcessHandle.of(runtime).orElseThrow();
        p.pid() != ProcessHandle.current().pid();
        p = p.parent().orElseThrow()) {
      try {
        if (Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))
            .toString()
            .contains("/stubs/stub-")) {
          return true;
        }
      } catch (java.io.IOException e) {
        // gone or not ours: look further up
      }
    }
    return false;
  }

  /** The processes above the runtime, up to Outlet, were started without the loader's variables. */
  private static void assertNoAncestorHasTheLoadersVariables(long runtime) throws Exception {
    ProcessHandle p = ProcessHandle.of(runtime).orElseThrow().parent().orElseThrow();
    for (; p.pid() != ProcessHandle.current().pid(); p = p.parent().orElseThrow()) {
      String environ = Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ"));
      assertThat(environ).as("the environment of " + p.pid()).doesNotContain("LD_LIBRARY_PATH");
    }
  }

  @Test
  void anArm64ImageRunsThroughTheHostsStaticQemuFromOutletsFolder() throws Exception {
    assumeThat(Architecture.host()).isEqualTo(Architecture.X86_64);
    assumeThat(Files.isExecutable(Protections.DEFAULT_QEMU))
        .as("qemu-user-static not installed")
        .isTrue();
    Path arm =
        GoEcho.build(
            tmp.resolve("go"),
            Path.of(System.getProperty("user.dir"), "src/test/resources/image-runtime/main.go"),
            "arm64");
    Path layout =
        ImageLayouts.image()
            .architecture("arm64")
            .file("bootstrap", Files.readAllBytes(arm), 0755)
            .entrypoint("/bootstrap")
            .write(tmp.resolve("arm64"));
    LaunchPlan plan = plan(layout, Architecture.ARM64);
    assertThat(plan.emulate()).isEqualTo(Architecture.ARM64);
    JsonNode seen = invoke(spec("arm", plan, Map.of()));
    assertThat(seen.path("uid").asText()).isEqualTo("993");
    assertThat(seen.path("args").asText()).isEqualTo("/bootstrap");
  }

  @Test
  void anEntrypointOnlyItsOwnerMayRunIsRefusedWithTheFix() throws Exception {
    Path layout =
        ImageLayouts.image()
            .file("bootstrap", Files.readAllBytes(binary), 0700)
            .entrypoint("/bootstrap")
            .write(tmp.resolve("private"));
    InvocationResult r = result(spec("private", plan(layout), Map.of()));
    assertThat(r).isInstanceOf(InvocationResult.Failure.class);
    assertThat(((InvocationResult.Failure) r).errorType()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains(
            "fork/exec /bootstrap: permission denied: the image's /bootstrap is mode rwx------")
        .contains("RUN chmod 755 /bootstrap");
  }

  @Test
  void aMissingEntrypointIsNamedWithTheImage() throws Exception {
    Path layout =
        ImageLayouts.image()
            .file("other", Files.readAllBytes(binary), 0755)
            .entrypoint("/bootstrap")
            .write(tmp.resolve("missing"));
    LaunchPlan plan = plan(layout);
    assertThat(plan.unavailable())
        .startsWith("the image's entrypoint /bootstrap does not exist in the image (sha256:")
        .endsWith(
            "): set ImageConfig.EntryPoint to a program the image has, or rebuild the image with"
                + " it");
    InvocationResult r = result(spec("missing", plan, Map.of()));
    assertThat(((InvocationResult.Failure) r).errorType()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("the image's entrypoint /bootstrap does not exist in the image");
  }

  private static LaunchPlan plan(Path layout) throws Exception {
    return plan(layout, Architecture.X86_64);
  }

  private static LaunchPlan plan(Path layout, Architecture arch) throws Exception {
    try (ImageArchive archive = ImageArchive.open(layout)) {
      var image = ImageReader.read(archive, arch);
      Path rootfs = store.unpack(image, archive);
      return ImagePlan.of(ImageLaunch.of(rootfs, image.config(), ImageConfigOverride.NONE), arch);
    }
  }

  private static SandboxSpec spec(String name, LaunchPlan plan, Map<String, String> variables)
      throws Exception {
    return new SandboxSpec(
        name + "-key",
        name,
        "$LATEST",
        null,
        null,
        128,
        10,
        512,
        Architecture.X86_64,
        Files.createDirectories(tmp.resolve("no-code")),
        null,
        plan,
        variables,
        LoggingConfig.DEFAULT,
        "us-east-1");
  }

  private static InvocationResult result(SandboxSpec spec) throws Exception {
    return engine
        .invoker()
        .invoke(
            spec,
            new InvokeRequest(
                UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                "arn:aws:lambda:us-east-1:000000000000:function:" + spec.functionName(),
                null,
                false))
        .get(60, TimeUnit.SECONDS)
        .result();
  }

  private static JsonNode invoke(SandboxSpec spec) throws Exception {
    InvocationResult r = result(spec);
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r).as(body).isInstanceOf(InvocationResult.Success.class);
    return JSON.readTree(body);
  }
}
