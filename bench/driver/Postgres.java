import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL for the cluster scenario, as the tests start theirs: Debian's initdb and
 * pg_ctl in a temporary folder, trust authentication, 127.0.0.1 only, run as the postgres user
 * when the bench runs as root (PostgreSQL refuses root), fsync and synchronous commit on.
 */
final class Postgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  final int port;

  private Postgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest /usr/lib/postgresql/N/bin, if Debian's postgresql is installed. */
  static Optional<Path> binaries() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
    }
  }

  static Postgres start(Path bin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("outlet-bench-pg"); // the bench's folder is root's alone
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), false);
    }
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A",
        "trust", "-U", "outlet", "-E", "UTF8", "--no-sync"), root);
    Postgres pg = new Postgres(bin, dir, port);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-l", dir.resolve("log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"), root);
    return pg;
  }

  /** A new empty database's address, for outlet serve --store. */
  String database(String name) throws IOException, InterruptedException {
    run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "outlet", "-d",
        "postgres", "-q", "-c", "CREATE DATABASE " + name), false);
    return "postgresql://outlet@127.0.0.1:" + port + "/" + name;
  }

  /** The first column of {@code sql}'s rows in database {@code name}, one line each. */
  String query(String name, String sql) throws IOException, InterruptedException {
    return run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "outlet",
        "-d", name, "-At", "-c", sql), false).strip();
  }

  private static String run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
          "-m", "immediate", "stop"), "root".equals(System.getProperty("user.name")));
    } catch (IOException | InterruptedException e) {
      Run.log("postgres did not stop: %s", e.getMessage());
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      Run.log("cannot delete %s: %s", dir, e.getMessage());
    }
  }
}
