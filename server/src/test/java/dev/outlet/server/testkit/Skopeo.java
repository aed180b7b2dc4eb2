package dev.outlet.server.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code skopeo} (a real registry client, no daemon) with its own auth file and
 * policy under {@code work}, so nothing of the user's configuration is read or written.
 */
public final class Skopeo {
  public static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  private final Path work;

  public Skopeo(Path work) {
    this.work = work;
    try {
      Files.createDirectories(work);
      Files.writeString(
          work.resolve("policy.json"), "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
      if (!Files.exists(work.resolve("auth.json"))) { // buildah wants the file to exist
        Files.writeString(work.resolve("auth.json"), "{\"auths\":{}}");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Skips the calling test class, with the reason, where skopeo is not installed. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(SKOPEO),
        "skopeo not installed at /usr/bin/skopeo: apt-get install skopeo");
  }

  /** What one run printed, and its exit status. */
  public record Run(int exit, String out, String err) {
    public String ok() {
      if (exit != 0) {
        throw new AssertionError("skopeo failed (" + exit + "): " + err);
      }
      return out;
    }
  }

  /** Runs {@code skopeo ARGS} (with the policy, and {@code stdin} fed to it when not null). */
  public Run run(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(SKOPEO.toString()));
    command.add("--policy");
    command.add(work.resolve("policy.json").toString());
    command.addAll(List.of(args));
    return exec(command, stdin);
  }

  public static final Path BUILDAH = Path.of("/usr/bin/buildah");

  /** Skips the calling test, with the reason, where buildah is not installed. */
  public static void assumeBuildah() {
    Assumptions.assumeTrue(
        Files.isExecutable(BUILDAH),
        "buildah not installed at /usr/bin/buildah: apt-get install buildah");
  }

  /**
   * {@code buildah ARGS} (Debian's image builder, no daemon) with its own image store under the
   * work folder (vfs driver) and the same policy and auth file, asserted to succeed; its output.
   */
  public String buildah(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                BUILDAH.toString(),
                "--root",
                work.resolve("buildah-root").toString(),
                "--runroot",
                work.resolve("buildah-run").toString(),
                "--storage-driver",
                "vfs"));
    command.addAll(List.of(args));
    Run r = exec(command, null);
    if (r.exit() != 0) {
      throw new AssertionError("buildah failed (" + r.exit() + "): " + r.err());
    }
    return r.out();
  }

  private Run exec(List<String> command, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().put("HOME", work.toString());
    pb.environment().put("REGISTRY_AUTH_FILE", work.resolve("auth.json").toString());
    pb.environment().put("XDG_RUNTIME_DIR", work.toString());
    try {
      Path out = Files.createTempFile(work, "out", ".txt");
      Path err = Files.createTempFile(work, "err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command.getFirst() + " did not finish in 120 s: " + command);
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code skopeo ARGS}, asserted to succeed; returns what it printed. */
  public String ok(String... args) {
    return run(null, args).ok();
  }
}
