package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {
  private static final SandboxSpec SPEC =
      new SandboxSpec(
          "k",
          "fn",
          "$LATEST",
          "provided.al2",
          "main",
          128,
          3,
          1024,
          Architecture.X86_64,
          Path.of("/data/code/abc"),
          new Entrypoint("bootstrap", Entrypoint.Kind.BOOTSTRAP, false, Architecture.X86_64),
          Map.of(),
          "us-east-1");

  /** Inside the sandbox, before the runtime (or a stub's shell): the switch to uid 993. */
  private static final List<String> SETPRIV =
      List.of(
          "/usr/bin/setpriv",
          "--reuid",
          "993",
          "--regid",
          "990",
          "--clear-groups",
          "--no-new-privs",
          "--");

  private static Protections isolated(boolean root) {
    return new Protections(
        Path.of("/usr/bin/bwrap"), null, null, "none", null, Path.of("/usr/bin/setpriv"), root);
  }

  @Test
  void withoutIsolationTheRuntimeRunsFromItsCodeFolderAndDiesWithOutlet() {
    List<String> cmd =
        LaunchCommand.build(
            new Protections(
                null, "absent", null, "absent", null, Path.of("/usr/bin/setpriv"), true),
            SPEC,
            List.of(),
            null);
    assertThat(cmd)
        .containsExactly(
            "/usr/bin/setpriv", "--pdeathsig", "KILL", "--", "/data/code/abc/bootstrap");
  }

  @Test
  void bubblewrapMountsTheCodeReadOnlyAtVarTaskWithAPrivateSizedTmp() {
    List<String> cmd = LaunchCommand.build(isolated(true), SPEC, List.of(), null);
    String line = String.join(" ", cmd);
    assertThat(cmd.get(0)).isEqualTo("/usr/bin/bwrap");
    assertThat(line)
        .contains("--die-with-parent")
        .contains("--unshare-pid")
        .contains("--unshare-ipc")
        .contains("--unshare-uts")
        .contains("--ro-bind /data/code/abc /var/task")
        .contains("--perms 01777 --size 1073741824 --tmpfs /tmp")
        .contains("--chdir /var/task")
        .doesNotContain("/root")
        .doesNotContain("/home");
    assertThat(cmd.subList(cmd.size() - 9, cmd.size() - 1)).isEqualTo(SETPRIV);
    assertThat(cmd.getLast()).isEqualTo("/var/task/bootstrap");
  }

  @Test
  void aRelativeCodeFolderIsPassedAbsoluteForTheRuntimeStartsElsewhere() {
    SandboxSpec relative =
        new SandboxSpec(
            SPEC.key(),
            SPEC.functionName(),
            SPEC.version(),
            SPEC.runtime(),
            SPEC.handler(),
            SPEC.memorySize(),
            SPEC.timeoutSeconds(),
            SPEC.ephemeralStorage(),
            SPEC.architecture(),
            Path.of("data/code/abc"),
            SPEC.entrypoint(),
            SPEC.userEnvironment(),
            SPEC.region());
    String absolute = Path.of("data/code/abc").toAbsolutePath().toString();
    assertThat(String.join(" ", LaunchCommand.build(isolated(true), relative, List.of(), null)))
        .contains("--ro-bind " + absolute + " /var/task");
    assertThat(
            LaunchCommand.build(
                    new Protections(null, "absent", null, "absent", null, null, true),
                    relative,
                    List.of(),
                    null)
                .getLast())
        .isEqualTo(absolute + "/bootstrap");
  }

  @Test
  void aNonRootOutletDoesNotChangeUser() {
    List<String> cmd = LaunchCommand.build(isolated(false), SPEC, List.of(), null);
    assertThat(cmd).doesNotContain("--reuid");
    assertThat(cmd.get(cmd.size() - 1)).isEqualTo("/var/task/bootstrap");
  }

  @Test
  void theRuntimeJoinsItsCgroupsBeforeAnythingElseRuns() {
    List<String> cmd =
        LaunchCommand.build(
            isolated(true),
            SPEC,
            List.of(Path.of("/sys/fs/cgroup/memory/outlet/x/cgroup.procs")),
            null);
    assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
    assertThat(cmd.get(2))
        .contains("'/sys/fs/cgroup/memory/outlet/x/cgroup.procs'")
        .contains("exec \"$@\"");
    assertThat(cmd.get(4)).isEqualTo("/usr/bin/bwrap");
  }

  @Test
  void aForeignBinaryRunsUnderTheEmulator() {
    List<String> cmd =
        LaunchCommand.build(
            isolated(true), SPEC, List.of(), Path.of("/usr/bin/qemu-aarch64-static"));
    assertThat(cmd.subList(cmd.size() - 2, cmd.size()))
        .containsExactly("/usr/bin/qemu-aarch64-static", "/var/task/bootstrap");
  }

  @Test
  void aLaunchStubIsTheSameSandboxWithAShellWaitingWhereTheRuntimeWillBe() {
    List<String> cmd =
        LaunchCommand.stub(
            isolated(true),
            Path.of("/data/stubs/stub-1/task"),
            700,
            List.of(Path.of("/sys/fs/cgroup/pids/outlet/stub-1/cgroup.procs")));
    String line = String.join(" ", cmd);
    assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
    assertThat(cmd.get(4)).isEqualTo("/usr/bin/bwrap");
    assertThat(line)
        .contains("--ro-bind /data/stubs/stub-1/task /var/task")
        .contains("--size 734003200 --tmpfs /tmp")
        .contains("--chdir /var/task")
        .doesNotContain("/data/code");
    assertThat(cmd.subList(cmd.size() - 10, cmd.size() - 2)).isEqualTo(SETPRIV);
    assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("/bin/sh", "-s");
  }

  @Test
  void aStubReadsTheEnvironmentAndTheExecOfTheEntrypoint() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("AWS_REGION", "us-east-1");
    env.put("QUOTED", "it's $HOME `id` \"x\"\nline two");
    String script = LaunchCommand.stubExec(SPEC, env, Path.of("/usr/bin/qemu-aarch64-static"));
    assertThat(script)
        .startsWith("AWS_REGION='us-east-1'\nexport AWS_REGION\n")
        .endsWith("exec '/usr/bin/qemu-aarch64-static' '/var/task/bootstrap' </dev/null\n");
  }

  @Test
  void aStubRefusesAVariableNameTheShellCannotExport() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LaunchCommand.stubExec(SPEC, Map.of("NOT-A-NAME", "x"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quotingGivesTheShellEveryValueVerbatim() throws Exception {
    String value = "it's $HOME `id` $(id) \"x\" \\ \nline two\t'";
    Process sh =
        new ProcessBuilder("/bin/sh", "-c", "printf %s " + LaunchCommand.quote(value))
            .redirectErrorStream(true)
            .start();
    String out =
        new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sh.waitFor()).isZero();
    assertThat(out).isEqualTo(value);
  }
}
