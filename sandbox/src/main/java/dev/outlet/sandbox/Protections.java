package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What this host lets Outlet enforce, probed once at start-up: bubblewrap namespaces, a writable
 * cgroup hierarchy, root (to run functions as an unprivileged uid), qemu for arm64. Immutable.
 *
 * @param bwrap a bubblewrap that ran a probe sandbox, or null
 * @param cgroups the cgroup driver, or null
 * @param qemu {@code qemu-aarch64-static}, or null
 * @param setpriv util-linux setpriv (uid drop, parent-death signal), or null
 * @param network whether sandboxes have networks of their own, and with egress
 */
public record Protections(
    Path bwrap,
    String bwrapProblem,
    CgroupDriver cgroups,
    String cgroupProblem,
    Path qemu,
    Path setpriv,
    boolean root,
    SandboxNetwork network) {

  /** One line of {@code outlet doctor}. */
  public record Row(String protection, boolean active, String detail) {}

  public static final Path DEFAULT_BWRAP = Path.of("/usr/bin/bwrap");
  public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");
  public static final Path DEFAULT_QEMU = Path.of("/usr/bin/qemu-aarch64-static");

  /** No isolation at all: plain processes (for tests of the degraded mode). */
  public static Protections none() {
    return new Protections(
        null,
        "disabled",
        null,
        "disabled",
        null,
        setprivPath(),
        false,
        SandboxNetwork.host("isolation is off"));
  }

  /** What the host allows, with sandboxes on networks of their own with egress where it can. */
  public static Protections probe(Path bwrap, Path cgroupRoot, Path qemu) {
    return probe(bwrap, cgroupRoot, qemu, SandboxNetwork.Mode.EGRESS);
  }

  public static Protections probe(
      Path bwrap, Path cgroupRoot, Path qemu, SandboxNetwork.Mode network) {
    boolean root = "root".equals(System.getProperty("user.name"));
    String bwrapProblem = probeBwrap(bwrap);
    Optional<CgroupDriver> cg = root ? CgroupDriver.detect(cgroupRoot) : Optional.empty();
    String cgroupProblem =
        cg.isPresent()
            ? null
            : root
                ? "no writable cgroup v1 or v2 hierarchy at " + cgroupRoot
                : "Outlet is not root: it cannot create cgroups";
    return new Protections(
        bwrapProblem == null ? bwrap : null,
        bwrapProblem,
        cg.orElse(null),
        cgroupProblem,
        Files.isExecutable(qemu) ? qemu : null,
        setprivPath(),
        root,
        SandboxNetwork.probe(
            network, bwrapProblem == null, root, SandboxNetwork.DEFAULT_SLIRP4NETNS));
  }

  private static Path setprivPath() {
    Path p = Path.of("/usr/bin/setpriv");
    return Files.isExecutable(p) ? p : null;
  }

  private static String probeBwrap(Path bwrap) {
    if (!Files.isExecutable(bwrap)) {
      return bwrap + " not found: apt-get install bubblewrap";
    }
    try {
      Process p =
          new ProcessBuilder(
                  bwrap.toString(),
                  "--ro-bind",
                  "/",
                  "/",
                  "--unshare-pid",
                  "--unshare-ipc",
                  "--unshare-uts",
                  "--proc",
                  "/proc",
                  "--dev",
                  "/dev",
                  "true")
              .redirectErrorStream(true)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return bwrap + " did not answer a probe";
      }
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.exitValue() == 0 ? null : bwrap + " cannot create namespaces here: " + out;
    } catch (IOException e) {
      return bwrap + " failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  public boolean isolated() {
    return bwrap != null;
  }

  /** Drop to Lambda's unprivileged user inside the sandbox (possible as root with bubblewrap). */
  public boolean dropsPrivileges() {
    return isolated() && root && setpriv != null;
  }

  /** The table {@code outlet doctor} prints. */
  public List<Row> table() {
    List<Row> rows = new ArrayList<>();
    String noBwrap = "needs bubblewrap: " + bwrapProblem;
    rows.add(row("namespaces (mount, pid, ipc, uts)", isolated(), "bubblewrap " + bwrap, noBwrap));
    rows.add(row("read-only code at /var/task", isolated(), "bind-mounted read-only", noBwrap));
    rows.add(
        row("private /tmp capped at EphemeralStorage", isolated(), "tmpfs per sandbox", noBwrap));
    rows.add(
        row(
            "no view of other code, data dir, homes",
            isolated(),
            "minimal root: /usr, /etc subset",
            noBwrap));
    rows.add(
        row(
            "unprivileged uid (993)",
            dropsPrivileges(),
            "setpriv inside the sandbox",
            isolated() ? "Outlet is not root (functions run as Outlet's own user)" : noBwrap));
    rows.add(
        new Row(
            "own network: no other sandbox's ports, Runtime API or Outlet's loopback",
            network.separate(),
            network.separate()
                ? "network namespace per sandbox, Runtime API inside it"
                : "NOT ENFORCED, sandboxes share the host's network: " + network.problem()));
    rows.add(
        new Row(
            "egress to other hosts",
            network.egress(),
            network.egress()
                ? (network.separate() ? "slirp4netns, host loopback unreachable" : "host network")
                : "off (--sandbox-network none)"));
    String cg = cgroups == null ? null : cgroups.describe();
    String noCg = "needs cgroups: " + cgroupProblem;
    rows.add(row("memory limit = MemorySize (OOM reported)", cgroups != null, cg, noCg));
    rows.add(
        row(
            "Max Memory Used from the cgroup peak",
            cgroups != null,
            cg,
            noCg + " (falls back to the runtime process's VmHWM)"));
    rows.add(row("pids limit 1024", cgroups != null, cg, noCg));
    rows.add(row("CPU share proportional to memory", cgroups != null, cg, noCg));
    rows.add(
        row(
            "arm64 functions (emulated)",
            qemu != null,
            "qemu " + qemu,
            "apt-get install qemu-user-static"));
    rows.add(
        row(
            "runtimes die with Outlet",
            setpriv != null || isolated(),
            isolated() ? "bwrap --die-with-parent" : "setpriv --pdeathsig",
            "install util-linux (setpriv)"));
    return rows;
  }

  private static Row row(String name, boolean active, String how, String fix) {
    return new Row(name, active, active ? how : fix);
  }

  /** The start-up line: which protections are in force. */
  public String summary() {
    StringBuilder b = new StringBuilder("isolation: ");
    if (isolated()) {
      b.append("bubblewrap namespaces, read-only /var/task, private /tmp");
      if (dropsPrivileges()) {
        b.append(", uid 993");
      }
    } else {
      b.append("NONE, functions run as plain processes (").append(bwrapProblem).append(")");
    }
    b.append("; network: ").append(network.summary());
    b.append("; limits: ")
        .append(cgroups != null ? cgroups.describe() : "NONE (" + cgroupProblem + ")");
    b.append("; arm64: ")
        .append(qemu != null ? "qemu" : "unavailable (apt-get install qemu-user-static)");
    return b.toString();
  }
}
