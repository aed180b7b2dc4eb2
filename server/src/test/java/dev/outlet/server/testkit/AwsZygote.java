package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Python, started once per JVM with the interpreter named on /usr/bin/aws's first line, that has
 * imported the AWS CLI and forks a child per call to run the file /usr/bin/aws ({@code
 * testkit/aws_zygote.py}). A call costs the CLI's own work, not the ~0.6 s of CPU Python spends
 * importing it.
 */
final class AwsZygote {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object LOCK = new Object();
  private static AwsZygote shared;
  private static boolean tried;

  private final Process python;
  private final Path socket;

  private AwsZygote(Process python, Path socket) {
    this.python = python;
    this.socket = socket;
  }

  /** The JVM's zygote, started on first use; null (with the reason printed) where it cannot run. */
  static AwsZygote shared() {
    synchronized (LOCK) {
      if (!tried) {
        tried = true;
        try {
          shared = start();
        } catch (IOException | RuntimeException e) {
          System.err.println("AWS CLI calls run as their own processes: " + e.getMessage());
        }
      }
      return shared;
    }
  }

  private static AwsZygote start() throws IOException {
    String first;
    try (BufferedReader r = Files.newBufferedReader(AwsCli.AWS, StandardCharsets.UTF_8)) {
      first = r.readLine();
    }
    if (first == null || !first.startsWith("#!/") || first.contains(" ")) {
      throw new IOException(AwsCli.AWS + " does not name a bare interpreter: " + first);
    }
    Path dir = Files.createTempDirectory("aws-zygote");
    Path script = dir.resolve("aws_zygote.py");
    try (InputStream in = AwsZygote.class.getResourceAsStream("/testkit/aws_zygote.py")) {
      Files.copy(in, script);
    }
    Path socket = dir.resolve("s");
    ProcessBuilder builder =
        new ProcessBuilder(first.substring(2), script.toString(), socket.toString())
            .redirectError(dir.resolve("stderr").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    Process python = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  python.destroyForcibly();
                  try {
                    python.waitFor(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  for (String name : List.of("s", "aws_zygote.py", "stderr", "")) {
                    dir.resolve(name).toFile().delete();
                  }
                }));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      String line = ready.get(60, TimeUnit.SECONDS);
      if (!"ready".equals(line)) {
        throw new IOException(
            "the zygote did not start: " + Files.readString(dir.resolve("stderr")));
      }
    } catch (Exception e) {
      python.destroyForcibly();
      throw e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
    return new AwsZygote(python, socket);
  }

  /**
   * Runs {@code /usr/bin/aws ARGS} in a forked child with this environment and directory, its
   * output in {@code out} and {@code err}; returns its exit status, killing it after {@code
   * timeout}.
   */
  int run(
      List<String> args, Map<String, String> env, Path cwd, Path out, Path err, Duration timeout)
      throws IOException {
    if (!python.isAlive()) {
      throw new IOException("the AWS CLI zygote ended");
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      byte[] call =
          JSON.writeValueAsBytes(
              Map.of(
                  "argv", args,
                  "env", env,
                  "cwd", cwd.toAbsolutePath().toString(),
                  "out", out.toAbsolutePath().toString(),
                  "err", err.toAbsolutePath().toString()));
      var stream = Channels.newOutputStream(channel);
      stream.write(call);
      stream.write('\n');
      stream.flush();
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      long pid = Long.parseLong(reader.readLine().trim());
      CompletableFuture<Void> watchdog =
          CompletableFuture.runAsync(
              () -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly),
              CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
      String status = reader.readLine();
      boolean killed = !watchdog.cancel(false);
      if (status == null) {
        throw new AssertionError(
            "aws "
                + String.join(" ", args)
                + (killed
                    ? " did not finish in " + timeout.toSeconds() + " s"
                    : " ended without an exit status"));
      }
      return Integer.parseInt(status.trim());
    }
  }
}
