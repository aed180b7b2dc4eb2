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
        throw new AssertionError("skopeo did not finish in 120 s: " + command);
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
