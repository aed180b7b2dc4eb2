package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import dev.outlet.sandbox.testkit.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of a container-image function's sandbox, and its environment. */
class ImageLaunchCommandTest {
  @TempDir Path tmp;

  /** A host with merged /usr whose loader is /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2. */
  private static final HostTools TOOLS =
      new HostTools(
          List.of(new HostTools.Bind(Path.of("/usr"), "/.outlet/usr")),
          "/.outlet/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
          "/.outlet/usr/lib/x86_64-linux-gnu:/.outlet/usr/lib");

  private Path rootfs() throws Exception {
    Path r = Files.createDirectories(tmp.resolve("sha256-ab/rootfs"));
    for (String d : List.of("proc", "dev", "tmp", "etc", ".outlet", "var/task")) {
      Files.createDirectories(r.resolve(d));
    }
    for (String f : List.of("passwd", "group", "hosts", "resolv.conf")) {
      Files.createFile(r.resolve("etc").resolve(f));
    }
    Files.writeString(r.resolve("lambda-entrypoint.sh"), "#!/bin/sh\n");
    return r;
  }

  private static SandboxSpec spec(Path rootfs, Map<String, String> imageEnv) {
    LaunchPlan plan =
        new LaunchPlan(
            List.of("/lambda-entrypoint.sh", "app.handler"),
            rootfs.resolve("lambda-entrypoint.sh"),
            null,
            null,
            imageEnv,
            List.of(),
            "image",
            List.of(),
            null,
            null,
            rootfs,
            "/var/task");
    return Specs.of(Path.of("/nonexistent"), 512, plan);
  }

  private static Protections protections(boolean root, SandboxNetwork network) {
    return new Protections(
        Path.of("/usr/bin/bwrap"),
        null,
        null,
        "none",
        Path.of("/usr/bin/qemu-aarch64-static"),
        Path.of("/usr/bin/setpriv"),
        root,
        network);
  }

  @Test
  void theImageIsTheRootWithOutletsEtcFilesTmpAndHostToolsOverIt() throws Exception {
    Path r = rootfs();
    Userland userland = Userland.prepare(tmp.resolve("etc-gen"), tmp.resolve("no-etc"));
    List<String> cmd =
        LaunchCommand.build(
            protections(true, SandboxNetwork.host("test")),
            userland,
            spec(r, Map.of()),
            List.of(Path.of("/sys/fs/cgroup/memory/outlet/x/cgroup.procs")),
            null,
            LaunchCommand.NO_CACHE,
            TOOLS);
    String line = String.join(" ", cmd);
    assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c"); // the join, outside
    assertThat(line)
        .contains(
            "/usr/bin/bwrap --die-with-parent --new-session --unshare-pid --unshare-ipc"
                + " --unshare-uts --unshare-cgroup-try --hostname localhost --ro-bind "
                + r
                + " / --proc /proc --dev /dev --ro-bind "
                + tmp.resolve("etc-gen/passwd")
                + " /etc/passwd --ro-bind "
                + tmp.resolve("etc-gen/group")
                + " /etc/group --ro-bind "
                + tmp.resolve("etc-gen/hosts")
                + " /etc/hosts --perms 01777 --size 536870912 --tmpfs /tmp"
                + " --perms 0755 --tmpfs /.outlet --ro-bind /usr /.outlet/usr"
                + " --chdir /var/task --")
        .doesNotContain("/var/runtime")
        .doesNotContain(" /opt")
        .doesNotContain("--ro-bind /usr /usr")
        .doesNotContain("outlet-extensions");
    List<String> tail = cmd.subList(cmd.indexOf("--") + 1, cmd.size());
    assertThat(tail)
        .containsExactly(
            "/.outlet/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            "--library-path",
            "/.outlet/usr/lib/x86_64-linux-gnu:/.outlet/usr/lib",
            "/.outlet/usr/bin/setpriv",
            "--reuid",
            "993",
            "--regid",
            "990",
            "--clear-groups",
            "--no-new-privs",
            "--",
            "/.outlet/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            "--library-path",
            "/.outlet/usr/lib/x86_64-linux-gnu:/.outlet/usr/lib",
            "/.outlet/usr/bin/dash",
            "-c",
            LoaderVariables.RESTORE + "exec \"$@\" </dev/null",
            "outlet-runtime",
            "/lambda-entrypoint.sh",
            "app.handler");
  }

  @Test
  void anImageStubIsTheImagesSandboxUpToSetprivThenTheHostsShellReadingItsInput() throws Exception {
    Path r = rootfs();
    Userland userland = Userland.prepare(tmp.resolve("etc-gen"), tmp.resolve("no-etc"));
    Protections p = protections(true, SandboxNetwork.host("test"));
    SandboxSpec spec = spec(r, Map.of());
    List<Path> join = List.of(Path.of("/sys/fs/cgroup/memory/outlet/x/cgroup.procs"));
    List<String> stub = ImageCommand.stub(p, userland, ImageStubKey.of(spec), join, TOOLS);
    List<String> direct =
        LaunchCommand.build(p, userland, spec, join, null, LaunchCommand.NO_CACHE, TOOLS);
    // the same join, bubblewrap line (the image as /, --chdir) and setpriv as a direct start
    int setprivEnd = direct.indexOf("--no-new-privs") + 2;
    assertThat(stub.subList(0, setprivEnd)).isEqualTo(direct.subList(0, setprivEnd));
    assertThat(String.join(" ", stub))
        .contains("--ro-bind " + r + " / ")
        .contains("--chdir /var/task --");
    assertThat(stub.subList(setprivEnd, stub.size()))
        .containsExactly(
            "/.outlet/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            "--library-path",
            "/.outlet/usr/lib/x86_64-linux-gnu:/.outlet/usr/lib",
            "/.outlet/usr/bin/dash",
            "-s");
  }

  @Test
  void anImageStubsKeyIsItsRootfsTmpSizeAndWorkingDirectory() throws Exception {
    Path r = rootfs();
    SandboxSpec spec = spec(r, Map.of());
    assertThat(ImageStubKey.of(spec))
        .isEqualTo(new ImageStubKey(r.toAbsolutePath(), 512, "/var/task"))
        .isEqualTo(ImageStubKey.of(spec.with("", Map.of("A", "b"), 3)));
    assertThat(ImageStubKey.of(spec.launch(), 1024)).isNotEqualTo(ImageStubKey.of(spec));
  }

  @Test
  void anImageStubsShellIsSentTheLoadersVariablesAsTheyAreAndRunsQemuFromTheHost()
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/qemu-aarch64-static")),
        "qemu-user-static is not installed");
    Path r = rootfs();
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("LD_LIBRARY_PATH", "/var/lang/lib");
    env.put("PATH", "/var/lang/bin:/usr/bin");
    String script =
        LaunchCommand.stubExec(
            spec(r, Map.of()),
            env,
            Path.of("/usr/bin/qemu-aarch64-static"),
            LaunchCommand.NO_CACHE,
            TOOLS);
    // the shell that reads this is already uid 993 (see LoaderVariables): no renaming
    assertThat(script)
        .contains("LD_LIBRARY_PATH='/var/lang/lib'\nexport LD_LIBRARY_PATH\n")
        .doesNotContain(LoaderVariables.PREFIX);
    assertThat(script.lines().toList().getLast())
        .startsWith("exec '/.outlet/usr/bin/qemu-aarch64-static' '/lambda-entrypoint.sh'")
        .endsWith("'/lambda-entrypoint.sh' 'app.handler' </dev/null");
  }

  @Test
  void theGateShellAndQemuComeFromTheHostToo() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/qemu-aarch64-static")),
        "qemu-user-static is not installed");
    Path r = rootfs();
    List<String> cmd =
        LaunchCommand.build(
            protections(true, SandboxNetwork.probe(SandboxNetwork.Mode.NONE, true, true, null)),
            Userland.none(),
            spec(r, Map.of()),
            List.of(),
            Path.of("/usr/bin/qemu-aarch64-static"),
            LaunchCommand.NO_CACHE,
            TOOLS);
    String line = String.join(" ", cmd);
    assertThat(line).contains("--unshare-net");
    assertThat(line)
        .contains(
            "--library-path /.outlet/usr/lib/x86_64-linux-gnu:/.outlet/usr/lib"
                + " /.outlet/usr/bin/dash -c read -r a");
    // qemu-aarch64-static is static where Debian installs it: it runs directly
    assertThat(cmd.subList(cmd.size() - 3, cmd.size()))
        .containsExactly(
            "/.outlet/usr/bin/qemu-aarch64-static", "/lambda-entrypoint.sh", "app.handler");
  }

  @Test
  void mountPointsTheImageMadeLinksAreLeftOut() throws Exception {
    Path r = rootfs();
    Files.delete(r.resolve("etc/passwd"));
    Files.createSymbolicLink(r.resolve("etc/passwd"), Path.of("/proc/self/environ"));
    Files.delete(r.resolve("tmp"));
    Files.createSymbolicLink(r.resolve("tmp"), Path.of("/var/tmp"));
    Userland userland = Userland.prepare(tmp.resolve("etc-gen"), tmp.resolve("no-etc"));
    String line =
        String.join(
            " ",
            LaunchCommand.build(
                protections(true, SandboxNetwork.host("t")),
                userland,
                spec(r, Map.of()),
                List.of(),
                null,
                LaunchCommand.NO_CACHE,
                TOOLS));
    assertThat(line).doesNotContain("/etc/passwd").doesNotContain("--tmpfs /tmp");
    assertThat(line).contains("/etc/group");
  }

  @Test
  void withoutBubblewrapAnImageCannotRun() throws Exception {
    Path r = rootfs();
    assertThatThrownBy(
            () ->
                LaunchCommand.build(
                    Protections.none(),
                    Userland.none(),
                    spec(r, Map.of()),
                    List.of(),
                    null,
                    LaunchCommand.NO_CACHE,
                    TOOLS))
        .hasMessageStartingWith("container-image functions need bubblewrap");
  }

  @Test
  void theLoadersVariablesTravelRenamedPastTheProcessesThatRunAsRoot() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("LD_PRELOAD", "/data/images/sha256-x/rootfs/evil.so");
    env.put("LD_LIBRARY_PATH", "/var/lang/lib");
    env.put("PATH", "/usr/bin");
    assertThat(LoaderVariables.saved(env))
        .containsExactly(
            Map.entry("OUTLET_SAVED_LD_PRELOAD", "/data/images/sha256-x/rootfs/evil.so"),
            Map.entry("OUTLET_SAVED_LD_LIBRARY_PATH", "/var/lang/lib"),
            Map.entry("PATH", "/usr/bin"));
  }

  @Test
  void theLauncherRefusesAnImageWithoutBubblewrapBeforeStartingAnything() throws Exception {
    Path r = rootfs();
    DirectLauncher launcher = new DirectLauncher(Protections.none(), Userland.none());
    assertThatThrownBy(
            () ->
                launcher.launch(
                    new LaunchSpec(spec(r, Map.of()), tmp.resolve("scratch"), Map.of())))
        .isInstanceOf(LaunchRefusedException.class)
        .hasMessageStartingWith(
            "container-image functions need bubblewrap (an image's root filesystem cannot be shown"
                + " as / to a plain process): disabled");
  }

  @Test
  void theEnvironmentIsLambdasDefaultsThenTheImagesThenTheFunctionsThenTheReservedOnes()
      throws Exception {
    Path r = rootfs();
    SandboxSpec base =
        spec(
            r,
            Map.of(
                "PATH", "/var/lang/bin:/usr/bin",
                "FROM_IMAGE", "image",
                "BOTH", "image",
                "LAMBDA_TASK_ROOT", "/elsewhere"));
    SandboxSpec s = base.with("", Map.of("BOTH", "function", "LANG", "C.UTF-8"), 3);
    Map<String, String> env =
        RuntimeEnvironment.build(s, "127.0.0.1:9001", "/var/task", "st", "/tmp");
    assertThat(env)
        .containsEntry("PATH", "/var/lang/bin:/usr/bin")
        .containsEntry("FROM_IMAGE", "image")
        .containsEntry("BOTH", "function")
        .containsEntry("LANG", "C.UTF-8")
        .containsEntry("TZ", ":UTC")
        .containsEntry("LAMBDA_TASK_ROOT", "/var/task")
        .containsEntry("_HANDLER", "app.handler")
        .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
        .containsEntry("TMPDIR", "/tmp")
        .containsKey("LD_LIBRARY_PATH");
  }

  @Test
  void aFileOnlyItsOwnerMayRunIsRefusedWithTheFix() throws Exception {
    Path r = rootfs();
    Path exe = r.resolve("lambda-entrypoint.sh");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
    LaunchPlan plan = spec(r, Map.of()).launch();
    assertThatThrownBy(() -> ExecCheck.checkImage(plan, true))
        .hasMessage(
            "permission denied: the image's /lambda-entrypoint.sh is mode rwx------, and functions"
                + " run as an unprivileged user (uid 993, as on Lambda) that does not own it: make"
                + " it readable and executable by everyone in the Dockerfile (RUN chmod 755"
                + " /lambda-entrypoint.sh)");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    ExecCheck.checkImage(plan, true);
  }

  @Test
  void theHostsToolsAreFoundThroughTheLoaderTheyName() {
    HostTools host = HostTools.host();
    assertThat(host.binds().getFirst())
        .isEqualTo(new HostTools.Bind(Path.of("/usr"), "/.outlet/usr"));
    List<String> setpriv = host.run(Path.of("/usr/bin/setpriv"));
    assertThat(setpriv.getLast()).isEqualTo("/.outlet/usr/bin/setpriv");
    assertThat(setpriv.getFirst()).startsWith("/.outlet/").contains("ld-");
    assertThat(host.libraryPath()).contains("/.outlet/usr/lib");
    assertThat(Architecture.host()).isNotNull();
  }
}
