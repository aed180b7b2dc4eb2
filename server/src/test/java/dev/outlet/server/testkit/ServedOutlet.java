package dev.outlet.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code outlet serve --port 0 --data-dir DIR} as a real separate JVM (this test JVM's java and
 * class path), for what only another process shows: a {@code kill -9}, a restart.
 *
 * @param process the JVM
 * @param endpoint the URL of its ready line
 * @param lines what it printed up to and including the ready line
 */
public record ServedOutlet(Process process, String endpoint, List<String> lines) {
  private static final Pattern READY = Pattern.compile("Outlet ready at (http://\\S+)");

  /** Starts it and waits (60 s at most) for its ready line; its output is drained afterwards. */
  public static ServedOutlet start(Path data) throws IOException {
    return start(data, Path.of("").toAbsolutePath());
  }

  /**
   * Starts it in the working directory {@code cwd}, where {@code data} may be relative, as a user
   * typing {@code outlet serve --data-dir data} does.
   */
  public static ServedOutlet start(Path data, Path cwd) throws IOException {
    return start(data, cwd, List.of());
  }

  /** Starts it with {@code more} options after {@code --data-dir} (e.g. {@code --store URL}). */
  public static ServedOutlet start(Path data, List<String> more) throws IOException {
    return start(data, Path.of("").toAbsolutePath(), more);
  }

  /** Starts one Outlet per folder of {@code data}, all at once (nodes of one cluster). */
  public static List<ServedOutlet> startAll(List<Path> data, List<String> more) {
    List<CompletableFuture<ServedOutlet>> starting = new ArrayList<>();
    for (Path d : data) {
      starting.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return start(d, more);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }));
    }
    return starting.stream().map(CompletableFuture::join).toList();
  }

  private static ServedOutlet start(Path data, Path cwd, List<String> more) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.outlet.server.Main",
                "serve",
                "--data-dir",
                data.toString()));
    if (!more.contains("--port")) {
      command.addAll(List.of("--port", "0"));
    }
    command.addAll(more);
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new CopyOnWriteArrayList<>();
    String endpoint =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    for (String line; (line = out.readLine()) != null; ) {
                      lines.add(line);
                      Matcher m = READY.matcher(line);
                      if (m.find()) {
                        return m.group(1);
                      }
                    }
                    return null;
                  } catch (IOException e) {
                    return null;
                  }
                })
            .orTimeout(60, TimeUnit.SECONDS)
            .join();
    assertThat(endpoint).as("ready line in %s", lines).isNotNull();
    Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> {})); // keep it drained
    return new ServedOutlet(p, endpoint, new ArrayList<>(lines));
  }

  /** SIGKILL: no shutdown hook runs. Waits until the JVM is gone. */
  public void killNine() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
  }

  /**
   * SIGTERM: a clean stop. Waits until the JVM is gone; one that is not gone within 30 s fails the
   * test with its threads' stacks (where its shutdown waits), and is then killed.
   */
  public void stop() throws InterruptedException {
    process.destroy();
    if (process.waitFor(30, TimeUnit.SECONDS)) {
      return;
    }
    String stacks = stacks();
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    throw new AssertionError("Outlet did not stop within 30 s of SIGTERM; its threads:\n" + stacks);
  }

  /** {@code jstack} of the process, from the JDK running the tests. */
  private String stacks() {
    try {
      Path jstack =
          Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jstack");
      Process p =
          new ProcessBuilder(jstack.toString(), Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      return out;
    } catch (IOException | RuntimeException | InterruptedException e) {
      return "(no stacks: " + e + ")";
    }
  }
}
