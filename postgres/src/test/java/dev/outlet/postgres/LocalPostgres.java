package dev.outlet.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's {@code initdb} and {@code pg_ctl} (package {@code
 * postgresql}) in a temporary folder, listening on 127.0.0.1 at a free port with trust
 * authentication, run as the {@code postgres} user when the tests run as root (PostgreSQL refuses
 * root). {@link #close} stops it (fast shutdown) and deletes the folder; a shutdown hook does the
 * same if the test JVM ends first.
 */
public final class LocalPostgres implements AutoCloseable {
  static final String USER = "outlet";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path dir;
  private final int port;
  private final Thread hook;

  private LocalPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.hook = new Thread(this::stopQuietly, "stop-test-postgres");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb and pg_ctl, if any. */
  public static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(LocalPostgres::major));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why the tests that need a server are skipped here. */
  public static final String MISSING =
      "PostgreSQL's initdb and pg_ctl are not under /usr/lib/postgresql/*/bin"
          + " (apt-get install postgresql)";

  /** Initializes and starts a server in a new temporary folder. */
  public static LocalPostgres start() throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(MISSING));
    Path dir = Files.createTempDirectory("outlet-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = dir.resolve("data");
    int port = freePort();
    if (isRoot()) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "-E",
            "UTF8",
            "--no-sync"),
        true);
    LocalPostgres pg = new LocalPostgres(bin, dir, port);
    pg.pgCtl("start", "-w", "-t", "60", "-l", dir.resolve("log").toString(), "-o", pg.options());
    return pg;
  }

  /** Port, socket folder and the loopback address only. */
  private String options() {
    return "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200";
  }

  /** The address of a new, empty database on this server. */
  public String newDatabase() throws Exception {
    String name = "t" + DATABASES.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
  }

  int port() {
    return port;
  }

  /**
   * Stops the server as a crash does (immediate: no checkpoint, recovery from the write-ahead log
   * at the next start) and starts it again on the same port.
   */
  void crashAndRestart() throws IOException, InterruptedException {
    crash();
    restart();
  }

  /** Stops the server as a crash does: no checkpoint, clients cut off at once. */
  public void crash() throws IOException, InterruptedException {
    pgCtl("stop", "-w", "-m", "immediate");
  }

  /** Starts a crashed server again on the same port (it recovers from its write-ahead log). */
  public void restart() throws IOException, InterruptedException {
    pgCtl("start", "-w", "-t", "60", "-l", dir.resolve("log").toString(), "-o", options());
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
  }

  private void stopQuietly() {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        pgCtl("stop", "-w", "-m", "immediate");
      }
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // best effort: the folder is temporary
    }
  }

  private void pgCtl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString()));
    command.addAll(List.of("-D", dir.resolve("data").toString()));
    command.addAll(List.of(args));
    run(command, true);
  }

  /** Runs a command, as the postgres user when {@code asPostgres} and this JVM is root. */
  private static void run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres && isRoot()) {
      full.addAll(
          List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    }
    full.addAll(command);
    Process p =
        new ProcessBuilder(full).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", full) + " failed: " + out);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int major(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
