package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.sandbox.Protections;
import dev.outlet.server.testkit.Processes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Sandboxes keep Lambda's promises on this host: namespaces, read-only code, private /tmp with its
 * quota, memory limit with OOM, the true peak memory, a pids limit. Skipped, with the reason, where
 * the host lacks bubblewrap, root or a writable cgroup hierarchy.
 */
class IsolationTest {
  @TempDir static Path data;
  private static TestServer outlet;

  /**
   * A runtime whose handler is the shell command in {@code $HANDLER_CMD}: its stdout is the
   * response.
   */
  static final String COMMAND_RUNTIME =
      """
      #!/bin/sh
      API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
      while true; do
        curl -sS -D /tmp/h -o /tmp/event "$API/invocation/next" || exit 1
        ID=$(grep -i '^lambda-runtime-aws-request-id:' /tmp/h | cut -d: -f2 | tr -d ' \\r')
        sh -c "$HANDLER_CMD" > /tmp/out 2>&1
        curl -sS -o /dev/null -X POST --data-binary @/tmp/out "$API/invocation/$ID/response"
      done
      """;

  @BeforeAll
  static void start() {
    Protections p =
        Protections.probe(
            Protections.DEFAULT_BWRAP, Protections.DEFAULT_CGROUP_ROOT, Protections.DEFAULT_QEMU);
    assumeThat(p.isolated()).as("bubblewrap unavailable: " + p.bwrapProblem()).isTrue();
    assumeThat(p.cgroups()).as("cgroups unavailable: " + p.cgroupProblem()).isNotNull();
    outlet = TestServer.start(data);
  }

  @AfterAll
  static void stop() {
    if (outlet != null) {
      outlet.close();
    }
  }

  private static void create(String name, String command, int memory, int timeout) {
    outlet.create(
        name,
        TestZips.bootstrap(COMMAND_RUNTIME),
        b ->
            b.memorySize(memory)
                .timeout(timeout)
                .environment(e -> e.variables(Map.of("HANDLER_CMD", command))));
  }

  private static String run(String name) {
    return outlet.invoke(name, "{}").payload().asUtf8String();
  }

  @Test
  void aFunctionsLoaderVariablesReachItsRuntimeButNoProcessThatRunsAsRoot() throws Exception {
    outlet.create(
        "iso-loader",
        TestZips.bootstrap(COMMAND_RUNTIME),
        b ->
            b.memorySize(256)
                // a /tmp size no stub is made for: this start takes the direct path
                .ephemeralStorage(s -> s.size(777))
                .environment(
                    e ->
                        e.variables(
                            Map.of(
                                "HANDLER_CMD",
                                "echo \"$LD_LIBRARY_PATH|$AWS_LAMBDA_LOG_STREAM_NAME\"",
                                "LD_LIBRARY_PATH",
                                "/outlet-loader-test"))));
    String[] out = run("iso-loader").trim().split("\\|");
    assertThat(out[0]).isEqualTo("/outlet-loader-test");
    java.util.List<Long> pids = dev.outlet.server.testkit.Processes.ofSandbox(out[1]);
    int root = 0;
    for (long pid : pids) {
      String status;
      String environ;
      try {
        status = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/status"));
        environ = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/environ"));
      } catch (java.nio.file.NoSuchFileException gone) {
        continue; // a short-lived child of the runtime (its curl) ended meanwhile
      }
      boolean asRoot = status.lines().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
      if (asRoot) {
        root++;
        assertThat(environ.split("\0"))
            .as("the environment of root-run process " + pid)
            .doesNotContain("LD_LIBRARY_PATH=/outlet-loader-test")
            .contains("OUTLET_SAVED_LD_LIBRARY_PATH=/outlet-loader-test");
      }
    }
    assertThat(root)
        .as("bubblewrap, which runs as root, is among the sandbox's processes")
        .isPositive();
  }

  @Test
  void theRuntimeRunsAsAnUnprivilegedUserInVarTaskWithItsOwnPidNamespace() {
    create(
        "iso-who",
        "echo uid=$(id -u) cwd=$(pwd) pid1=$(cat /proc/1/comm) ls=$(ls / | tr '\\n' ,)",
        512,
        5);
    String out = run("iso-who");
    assertThat(out).contains("uid=993").contains("cwd=/var/task").contains("pid1=bwrap");
    assertThat(out).doesNotContain("root,").doesNotContain("home,");
  }

  @Test
  void theCodeIsReadOnlyAndNoOtherFunctionsCodeNorOutletsDataNorRootIsVisible() {
    create(
        "iso-walls",
        "touch /var/task/x 2>&1; ls "
            + data
            + " 2>&1; ls "
            + data.resolve("code")
            + " 2>&1;"
            + " cat /root/.bashrc 2>&1; ls /home 2>&1; echo done",
        512,
        5);
    String out = run("iso-walls");
    assertThat(out).contains("Read-only file system");
    assertThat(out.split("No such file or directory", -1)).hasSizeGreaterThanOrEqualTo(5);
    assertThat(out).endsWith("done\n");
  }

  @Test
  void tmpIsPrivateAndStopsAtTheEphemeralStorageQuota() {
    create(
        "iso-tmp",
        "R=$(dd if=/dev/zero of=/tmp/fill bs=1M count=600 2>&1 | head -1);"
            + " S=$(du -m /tmp/fill | cut -f1); rm -f /tmp/fill; echo \"$R\"; echo $S",
        2048,
        20);
    String out = run("iso-tmp");
    assertThat(out).contains("No space left on device");
    int mb = Integer.parseInt(out.strip().lines().reduce((a, b) -> b).orElseThrow().trim());
    assertThat(mb).isBetween(500, 512);
  }

  @Test
  void aMemoryHogIsKilledAtItsLimitAndReportedAsOutOfMemory() {
    outlet.create(
        "iso-oom",
        TestZips.bootstrap(
            """
            #!/bin/sh
            curl -sS -o /dev/null "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next"
            exec dd if=/dev/zero of=/dev/null bs=400M count=1
            """),
        b -> b.memorySize(128).timeout(20));
    InvokeResponse r = outlet.invoke("iso-oom", "{}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String())
        .contains("\"errorType\":\"Runtime.OutOfMemory\"")
        .contains("Error: Runtime exited with error: signal: killed");
    assertThat(TestServer.logTail(r))
        .contains("Max Memory Used: 128 MB")
        .contains("Status: error\tError Type: Runtime.OutOfMemory");
  }

  @Test
  void maxMemoryUsedIsWhatTheFunctionTouchedNotTheConfiguredSize() {
    create("iso-peak", "dd if=/dev/zero of=/dev/null bs=100M count=1 2>&1 | tail -1", 1024, 20);
    InvokeResponse cold = outlet.invoke("iso-peak", "{}");
    assertThat(maxMemoryUsed(cold)).isBetween(95, 160);
    create("iso-small", "echo small", 1024, 20);
    assertThat(maxMemoryUsed(outlet.invoke("iso-small", "{}"))).isLessThan(40);
  }

  @Test
  void aForkBombStaysInsideItsPidsLimitAndIsReclaimed() {
    String marker = "bomb" + System.nanoTime();
    outlet.create(
        "iso-bomb",
        TestZips.zip()
            .executable(
                marker,
                """
                #!/bin/sh
                curl -sS -o /dev/null "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next"
                b() { b | b & }
                b
                sleep 600
                """)
            .bytes(),
        b -> b.handler(marker).memorySize(256).timeout(3));
    InvokeResponse r = outlet.invoke("iso-bomb", "{}");
    assertThat(r.payload().asUtf8String()).contains("Sandbox.Timedout");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> Processes.withMarker(marker).isEmpty());
  }

  @Test
  void afterInitTheCpuQuotaIsTheFunctionsShareOfAVcpu() throws Exception {
    Path v1 = Path.of("/sys/fs/cgroup/cpu");
    assumeThat(Files.isDirectory(v1.resolve("outlet")))
        .as("no cgroup v1 cpu hierarchy at " + v1)
        .isTrue();
    create("iso-cpu", "echo $AWS_LAMBDA_LOG_STREAM_NAME", 256, 5);
    String stream = run("iso-cpu").strip();
    long pid = Processes.ofSandbox(stream).getFirst();
    String group =
        Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
            .filter(line -> line.split(":")[1].equals("cpu"))
            .map(line -> line.split(":", 3)[2])
            .findFirst()
            .orElseThrow();
    assertThat(group).startsWith("/outlet/");
    // the init burst (two vCPUs) ended with the first /next: 256 MB gets 256/1769 of a vCPU
    assertThat(Files.readString(v1.resolve(group.substring(1)).resolve("cpu.cfs_quota_us")).strip())
        .isEqualTo(Long.toString(dev.outlet.sandbox.CpuShare.quotaMicros(256)));
  }

  /** Prints where /var/task comes from on the host, and the runtime's own environment. */
  private static final String WHERE_AND_ENV =
      "grep ' /var/task ' /proc/self/mountinfo | cut -d' ' -f4;"
          + " tr '\\0' '\\n' < /proc/$PPID/environ | cut -d= -f1 | sort | tr '\\n' ,;"
          + " echo; tr '\\0' '\\n' < /proc/$PPID/environ | grep '^PWD=' | tr '\\n' ,;"
          + " echo; echo uid=$(id -u) cwd=$(pwd) pid1=$(cat /proc/1/comm) tmp=$(df -m /tmp | tail -1"
          + " | tr -s ' ' | cut -d' ' -f2); touch /var/task/x 2>&1";

  @Test
  void aSmallPackageStartsInALaunchStubBehindTheSameWalls() {
    create("iso-stub", WHERE_AND_ENV, 512, 5);
    List<String> outs = coldStartsUntilAStub("iso-stub");
    for (String out : outs) {
      assertThat(out).contains("uid=993 cwd=/var/task pid1=bwrap tmp=512");
      assertThat(out).contains("Read-only file system");
      // the environment Outlet composed, and the working directory bubblewrap sets, as when it
      // starts the runtime itself: no host path from the shells that set the sandbox up
      assertThat(out).contains("AWS_LAMBDA_RUNTIME_API,").contains("\nPWD=/var/task,\n");
    }
    // the stub's own folder, filled with links to the code; bound before the function was known
    assertThat(outs.getLast().lines().findFirst().orElseThrow())
        .contains("/stubs/stub-")
        .endsWith("/task");
  }

  /**
   * Cold starts {@code name} (an update forces each) until one runs in a launch stub, at most 10
   * times: a stub may be missing because the test before took it or asked for another /tmp size.
   */
  private static List<String> coldStartsUntilAStub(String name) {
    List<String> outs = new java.util.ArrayList<>();
    for (int i = 0; i < 10 && outs.stream().noneMatch(o -> o.contains("/stubs/stub-")); i++) {
      if (i > 0) {
        outlet
            .lambda()
            .updateFunctionConfiguration(
                b ->
                    b.functionName(name)
                        .environment(
                            e ->
                                e.variables(
                                    Map.of(
                                        "HANDLER_CMD",
                                        WHERE_AND_ENV,
                                        "ROUND",
                                        "r" + outs.size()))));
      }
      outs.add(run(name));
    }
    return outs;
  }

  @Test
  void aPackageTooBigToLinkStartsTheDirectWayBehindTheSameWalls() {
    TestZips zip = TestZips.zip().executable("bootstrap", COMMAND_RUNTIME);
    for (int i = 0; i < 70; i++) {
      zip.file("assets/a" + i + ".txt", "x", 0644);
    }
    outlet.create(
        "iso-big",
        zip.bytes(),
        b -> b.memorySize(512).environment(e -> e.variables(Map.of("HANDLER_CMD", WHERE_AND_ENV))));
    String out = run("iso-big");
    assertThat(out.lines().findFirst().orElseThrow()).contains("/code/").doesNotContain("stub");
    assertThat(out).contains("uid=993 cwd=/var/task pid1=bwrap tmp=512");
    assertThat(out).contains("Read-only file system");
    assertThat(out).contains("AWS_LAMBDA_RUNTIME_API,").contains("\nPWD=/var/task,\n");
  }

  @Test
  void launchStubsFollowTheEphemeralStorageSizeColdStartsAskFor() {
    outlet.create(
        "iso-eph",
        TestZips.bootstrap(COMMAND_RUNTIME),
        b ->
            b.memorySize(512)
                .ephemeralStorage(e -> e.size(700))
                .environment(e -> e.variables(Map.of("HANDLER_CMD", WHERE_AND_ENV))));
    List<String> outs = coldStartsUntilAStub("iso-eph");
    // the first cold start at 700 MB finds only 512 MB stubs and starts directly; a later one
    // finds a stub made for 700 MB
    assertThat(outs.getFirst().lines().findFirst().orElseThrow()).contains("/code/");
    assertThat(outs.getLast().lines().findFirst().orElseThrow()).contains("/stubs/stub-");
    assertThat(outs).allSatisfy(out -> assertThat(out).contains("tmp=700"));
  }

  private static int maxMemoryUsed(InvokeResponse r) {
    Matcher m = Pattern.compile("Max Memory Used: (\\d+) MB").matcher(TestServer.logTail(r));
    assertThat(m.find()).as(TestServer.logTail(r)).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void withoutBubblewrapOutletStillRunsFunctionsAndSaysWhatIsMissing(@TempDir Path other)
      throws Exception {
    try (TestServer plain =
        TestServer.start(other, c -> c.withIsolation(true, other.resolve("no-such-bwrap")))) {
      Protections p = plain.server().protections();
      assertThat(p.isolated()).isFalse();
      assertThat(p.summary()).contains("NONE").contains("no-such-bwrap not found");
      assertThat(p.table())
          .filteredOn(row -> row.protection().startsWith("namespaces"))
          .singleElement()
          .satisfies(row -> assertThat(row.active()).isFalse())
          .satisfies(row -> assertThat(row.detail()).contains("apt-get install bubblewrap"));
      plain.create(
          "plain-echo",
          TestZips.bootstrap(COMMAND_RUNTIME),
          b -> b.environment(e -> e.variables(Map.of("HANDLER_CMD", "pwd"))));
      String cwd = plain.invoke("plain-echo", "{}").payload().asUtf8String().strip();
      assertThat(Path.of(cwd)).startsWith(other);
      assertThat(Files.exists(Path.of(cwd))).isTrue();
    }
  }
}
