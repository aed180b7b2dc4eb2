package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LaunchPlan;
import dev.outlet.sandbox.testkit.Specs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {
  private static final SandboxSpec SPEC = Specs.provided(Path.of("/data/code/abc"), 1024);
  private static final Userland NO_ETC = Userland.none();

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
        Path.of("/usr/bin/bwrap"),
        null,
        null,
        "none",
        null,
        Path.of("/usr/bin/setpriv"),
        root,
        SandboxNetwork.host("test"));
  }

  @Test
  void withoutIsolationTheRuntimeRunsFromItsCodeFolderAndDiesWithOutlet() {
    List<String> cmd =
        LaunchCommand.build(
            new Protections(
                null,
                "absent",
                null,
                "absent",
                null,
                Path.of("/usr/bin/setpriv"),
                true,
                SandboxNetwork.host("test")),
            NO_ETC,
            SPEC,
            List.of(),
            null);
    assertThat(cmd)
        .containsExactly(
            "/usr/bin/setpriv", "--pdeathsig", "KILL", "--", "/data/code/abc/bootstrap");
  }

  @Test
  void bubblewrapMountsTheCodeReadOnlyAtVarTaskWithAPrivateSizedTmp() {
    List<String> cmd = LaunchCommand.build(isolated(true), NO_ETC, SPEC, List.of(), null);
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
    int setpriv = cmd.indexOf("/usr/bin/setpriv");
    assertThat(cmd.subList(setpriv, setpriv + 8)).isEqualTo(SETPRIV);
    // the first shell as uid 993 puts back the loader's variables, which root never saw
    assertThat(cmd.subList(setpriv + 8, cmd.size()))
        .containsExactly(
            "/bin/sh",
            "-c",
            LoaderVariables.RESTORE + "exec \"$@\"",
            "outlet-runtime",
            "/var/task/bootstrap");
  }

  @Test
  void aRelativeCodeFolderIsPassedAbsoluteForTheRuntimeStartsElsewhere() {
    SandboxSpec relative = Specs.provided(Path.of("data/code/abc"), 1024);
    String absolute = Path.of("data/code/abc").toAbsolutePath().toString();
    assertThat(
            String.join(
                " ", LaunchCommand.build(isolated(true), NO_ETC, relative, List.of(), null)))
        .contains("--ro-bind " + absolute + " /var/task");
    assertThat(
            LaunchCommand.build(
                    new Protections(
                        null,
                        "absent",
                        null,
                        "absent",
                        null,
                        null,
                        true,
                        SandboxNetwork.host("test")),
                    NO_ETC,
                    relative,
                    List.of(),
                    null)
                .getLast())
        .isEqualTo(absolute + "/bootstrap");
  }

  @Test
  void aNonRootOutletDoesNotChangeUser() {
    List<String> cmd = LaunchCommand.build(isolated(false), NO_ETC, SPEC, List.of(), null);
    assertThat(cmd).doesNotContain("--reuid");
    assertThat(cmd.get(cmd.size() - 1)).isEqualTo("/var/task/bootstrap");
  }

  @Test
  void theRuntimeJoinsItsCgroupsBeforeAnythingElseRuns() {
    List<String> cmd =
        LaunchCommand.build(
            isolated(true),
            NO_ETC,
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
            isolated(true), NO_ETC, SPEC, List.of(), Path.of("/usr/bin/qemu-aarch64-static"));
    assertThat(cmd.subList(cmd.size() - 2, cmd.size()))
        .containsExactly("/usr/bin/qemu-aarch64-static", "/var/task/bootstrap");
  }

  private static Protections ownNetwork() {
    return new Protections(
        Path.of("/usr/bin/bwrap"),
        null,
        null,
        "none",
        null,
        Path.of("/usr/bin/setpriv"),
        true,
        SandboxNetwork.probe(SandboxNetwork.Mode.NONE, true, true, Path.of("/absent")));
  }

  @Test
  void aSandboxWithItsOwnNetworkWaitsForItsRuntimeApiAddressBeforeTheRuntimeStarts() {
    List<String> cmd = LaunchCommand.build(ownNetwork(), NO_ETC, SPEC, List.of(), null);
    assertThat(cmd).contains("--unshare-net");
    assertThat(String.join(" ", LaunchCommand.build(isolated(true), NO_ETC, SPEC, List.of(), null)))
        .doesNotContain("--unshare-net");
    int setpriv = cmd.indexOf("/usr/bin/setpriv");
    assertThat(cmd.subList(setpriv, setpriv + 8)).isEqualTo(SETPRIV);
    // inside: read the address from standard input, export it, exec the runtime
    assertThat(cmd.subList(setpriv + 8, cmd.size()))
        .containsExactly(
            "/bin/sh",
            "-c",
            "read -r a || exit 111; AWS_LAMBDA_RUNTIME_API=$a; export AWS_LAMBDA_RUNTIME_API; "
                + LoaderVariables.RESTORE
                + "exec \"$@\" </dev/null",
            "outlet-runtime",
            "/var/task/bootstrap");
  }

  @Test
  void aStubWithItsOwnNetworkHasOnlyItsNamespaceAddedItsEnvironmentComesWithTheExec() {
    List<String> cmd =
        LaunchCommand.stub(
            ownNetwork(),
            NO_ETC,
            new LaunchCommand.Folders(Path.of("/s/task"), Path.of("/s/runtime"), null),
            512,
            List.of());
    assertThat(cmd).contains("--unshare-net");
    assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("/bin/sh", "-s");
  }

  @Test
  void functionsReachOutletsApiOnTheirOwnLoopbackWhenTheyHaveTheirOwnNetwork() {
    SandboxNetwork own = SandboxNetwork.probe(SandboxNetwork.Mode.NONE, true, true, null);
    assertThat(own.apiUrl()).isNull();
    assertThat(own.exposeApi("0.0.0.0", 9070)).isEqualTo("http://127.0.0.1:9070");
    assertThat(own.exposeApi("192.0.2.2", 9071)).isEqualTo("http://127.0.0.1:9071");
    assertThat(own.api()).isEqualTo(new java.net.InetSocketAddress("192.0.2.2", 9071));

    SandboxNetwork shared = SandboxNetwork.host("--sandbox-network host");
    assertThat(shared.exposeApi("127.0.0.1", 9070)).isEqualTo("http://127.0.0.1:9070");
    assertThat(shared.exposeApi("192.0.2.2", 9070)).isEqualTo("http://192.0.2.2:9070");
    assertThat(shared.exposeApi("::", 9070)).isEqualTo("http://127.0.0.1:9070");
    assertThat(shared.exposeApi("::1", 9070)).isEqualTo("http://[::1]:9070");
  }

  @Test
  void sandboxesShareTheHostsNetworkOnlyWhereTheHostCannotSeparateThemAndSaySo() {
    Path missing = Path.of("/nonexistent/slirp4netns");
    assertThat(SandboxNetwork.probe(SandboxNetwork.Mode.EGRESS, true, true, missing).problem())
        .contains("apt-get install slirp4netns");
    assertThat(SandboxNetwork.probe(SandboxNetwork.Mode.NONE, true, false, missing).problem())
        .contains("not root");
    assertThat(SandboxNetwork.probe(SandboxNetwork.Mode.NONE, false, true, missing).separate())
        .isFalse();
    SandboxNetwork none = SandboxNetwork.probe(SandboxNetwork.Mode.NONE, true, true, missing);
    assertThat(none.separate()).isTrue();
    assertThat(none.egress()).isFalse();
    assertThat(none.slirp4netns()).isNull();
    SandboxNetwork host = SandboxNetwork.probe(SandboxNetwork.Mode.HOST, true, true, missing);
    assertThat(host.separate()).isFalse();
    assertThat(host.egress()).isTrue();
    assertThat(SandboxNetwork.Mode.parse("none")).isEqualTo(SandboxNetwork.Mode.NONE);
    assertThat(SandboxNetwork.Mode.parse("bogus")).isNull();
  }

  @Test
  void aLaunchStubIsTheSameSandboxWithAShellWaitingWhereTheRuntimeWillBe() {
    List<String> cmd =
        LaunchCommand.stub(
            isolated(true),
            NO_ETC,
            new LaunchCommand.Folders(
                Path.of("/data/stubs/stub-1/task"), Path.of("/data/stubs/stub-1/runtime"), null),
            700,
            List.of(Path.of("/sys/fs/cgroup/pids/outlet/stub-1/cgroup.procs")));
    String line = String.join(" ", cmd);
    assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
    assertThat(cmd.get(4)).isEqualTo("/usr/bin/bwrap");
    assertThat(line)
        .contains("--ro-bind /data/stubs/stub-1/task /var/task")
        .contains("--ro-bind /data/stubs/stub-1/runtime /var/runtime")
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

  private static final LaunchPlan PYTHON =
      new LaunchPlan(
          List.of("/usr/bin/python3.11", "/var/runtime/bootstrap.py"),
          Path.of("/usr/bin/python3.11"),
          null,
          Path.of("/data/runtimes/h/python"),
          Map.of("PYTHONPATH", "/var/runtime"),
          List.of(),
          "python:3.11.2",
          List.of(),
          null,
          null);

  @Test
  void theSandboxEtcIsTheUserlandsFolderWithTheHostsFoldersOverIt() {
    Userland userland =
        new Userland(
            List.of(Path.of("/etc/alternatives"), Path.of("/etc/ssl")), Path.of("/data/etc"));
    String line =
        String.join(" ", LaunchCommand.build(isolated(true), userland, SPEC, List.of(), null));
    assertThat(line)
        .contains("--ro-bind /data/etc /etc --ro-bind-try /etc/alternatives /etc/alternatives")
        .contains("--ro-bind-try /etc/ssl /etc/ssl")
        .doesNotContain("/etc/passwd")
        .doesNotContain("shadow");
    assertThat(String.join(" ", LaunchCommand.build(isolated(true), NO_ETC, SPEC, List.of(), null)))
        .contains("--perms 0755 --dir /etc");
  }

  @Test
  void aManagedRuntimeSeesItsFilesAtVarRuntimeAndRunsTheInterpreter() {
    SandboxSpec spec = Specs.of(Path.of("/data/code/abc"), 512, PYTHON);
    List<String> cmd = LaunchCommand.build(isolated(true), NO_ETC, spec, List.of(), null);
    assertThat(String.join(" ", cmd))
        .contains("--ro-bind /data/code/abc /var/task")
        .contains("--ro-bind /data/runtimes/h/python /var/runtime");
    assertThat(cmd.subList(cmd.size() - 2, cmd.size()))
        .containsExactly("/usr/bin/python3.11", "/var/runtime/bootstrap.py");
  }

  @Test
  void anInterpreterOutsideUsrIsShownAtItsOwnPathWithTraversableParents() {
    LaunchPlan pyenv =
        new LaunchPlan(
            List.of("/root/.pyenv/versions/3.12.1/bin/python3.12", "/var/runtime/bootstrap.py"),
            Path.of("/root/.pyenv/versions/3.12.1/bin/python3.12"),
            null,
            Path.of("/data/runtimes/h/python"),
            Map.of(),
            List.of(Path.of("/root/.pyenv/versions/3.12.1")),
            "python:3.12.1",
            List.of(),
            null,
            null);
    String line =
        String.join(
            " ",
            LaunchCommand.build(
                isolated(true), NO_ETC, Specs.of(Path.of("/c"), 512, pyenv), List.of(), null));
    assertThat(line)
        .contains(
            "--perms 0755 --dir /root --perms 0755 --dir /root/.pyenv --perms 0755 --dir"
                + " /root/.pyenv/versions --ro-bind /root/.pyenv/versions/3.12.1"
                + " /root/.pyenv/versions/3.12.1");
  }

  @Test
  void withoutIsolationSandboxPathsInTheCommandAndValuesBecomeHostPaths() {
    SandboxSpec spec = Specs.of(Path.of("/data/code/abc"), 512, PYTHON);
    List<String> cmd =
        LaunchCommand.build(
            new Protections(
                null, "absent", null, "absent", null, null, true, SandboxNetwork.host("test")),
            NO_ETC,
            spec,
            List.of(),
            null);
    assertThat(cmd).containsExactly("/usr/bin/python3.11", "/data/runtimes/h/python/bootstrap.py");
    assertThat(LaunchCommand.toHost("/var/runtime/lib/a.jar:/var/task:/var/task/lib/*", spec))
        .isEqualTo("/data/runtimes/h/python/lib/a.jar:/data/code/abc:/data/code/abc/lib/*");
    assertThat(LaunchCommand.toHost("-Dx=/var/runtime/lib/x.so", spec))
        .isEqualTo("-Dx=/data/runtimes/h/python/lib/x.so");
    assertThat(LaunchCommand.toHost("/var/tasks/other:/opt/x", spec))
        .isEqualTo("/var/tasks/other:/opt/x");
  }

  /** {@link #SPEC} with {@code opt} as its merged layers. */
  private static SandboxSpec withOpt(Path opt) {
    return new SandboxSpec(
        SPEC.key(),
        SPEC.functionName(),
        SPEC.version(),
        SPEC.runtime(),
        SPEC.handler(),
        SPEC.memorySize(),
        SPEC.timeoutSeconds(),
        SPEC.ephemeralStorage(),
        SPEC.architecture(),
        SPEC.codeRoot(),
        opt,
        SPEC.launch(),
        SPEC.userEnvironment(),
        SPEC.logging(),
        SPEC.region());
  }

  @Test
  void aFunctionsLayersAreShownReadOnlyAtOpt() {
    SandboxSpec layered = withOpt(Path.of("/data/layers/merged/abc"));
    String line =
        String.join(" ", LaunchCommand.build(isolated(true), NO_ETC, layered, List.of(), null));
    assertThat(line)
        .contains("--ro-bind /data/layers/merged/abc /opt")
        .doesNotContain("--dir /opt");
    assertThat(String.join(" ", LaunchCommand.build(isolated(true), NO_ETC, SPEC, List.of(), null)))
        .contains("--perms 0755 --dir /opt");
    assertThat(LaunchCommand.toHost("/opt/python:/opt/nodejs/node_modules:/opter", layered))
        .isEqualTo(
            "/data/layers/merged/abc/python:/data/layers/merged/abc/nodejs/node_modules:/opter");
  }

  @Test
  void extensionsInALayerStartBeforeTheRuntimeWhichWaitsForTheirRegistration(
      @org.junit.jupiter.api.io.TempDir Path opt) throws Exception {
    java.nio.file.Files.createDirectories(opt.resolve("extensions"));
    Path ext = opt.resolve("extensions/my-extension");
    java.nio.file.Files.writeString(ext, "#!/bin/sh\n");
    java.nio.file.Files.setPosixFilePermissions(
        ext, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    java.nio.file.Files.writeString(opt.resolve("extensions/README"), "not executable");
    SandboxSpec layered = withOpt(opt);
    assertThat(ExtensionFiles.names(opt)).containsExactly("my-extension");
    List<String> cmd = LaunchCommand.build(ownNetwork(), NO_ETC, layered, List.of(), null);
    int setpriv = cmd.indexOf("/usr/bin/setpriv");
    // the gate keeps standard input for the second line: the go once the extensions registered
    assertThat(cmd.subList(setpriv + 8, cmd.size()))
        .containsExactly(
            "/bin/sh",
            "-c",
            "read -r a || exit 111; AWS_LAMBDA_RUNTIME_API=$a; export AWS_LAMBDA_RUNTIME_API; "
                + LoaderVariables.RESTORE
                + "exec \"$@\"",
            "outlet-runtime",
            "/bin/sh",
            "-c",
            LoaderVariables.RESTORE
                + "for e in '/opt/extensions'/*; do if [ -f \"$e\" ] && [ -x \"$e\" ]; then \"$e\""
                + " </dev/null & fi; done; read -r go || exit 111; exec \"$@\" </dev/null",
            "outlet-extensions",
            "/var/task/bootstrap");
    // a startup-cache recording never gets an event: no extensions there
    assertThat(
            LaunchCommand.extensionStage(
                layered, new LaunchCommand.CacheMode.Record(Path.of("/tmp/rec"))))
        .isFalse();
    assertThat(LaunchCommand.extensionStage(SPEC, LaunchCommand.NO_CACHE)).isFalse();
  }

  @Test
  void aStubExecsTheWholeCommandOfAManagedRuntime() {
    String script =
        LaunchCommand.stubExec(Specs.of(Path.of("/c"), 512, PYTHON), Map.of("A", "b"), null);
    assertThat(script)
        .endsWith("exec '/usr/bin/python3.11' '/var/runtime/bootstrap.py' </dev/null\n");
  }
}
