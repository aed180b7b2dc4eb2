import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class-data cache of a command, for the JVMs the benchmark starts to time a start, as
 * {@code ./outlet} makes it: on JDK 25+ an AOT cache ({@code -XX:AOTCacheOutput} at the command's
 * first run, {@code -XX:AOTCache} after), before that a dynamic CDS archive ({@code
 * -XX:+AutoCreateSharedArchive}); written as the first run's JVM exits, one per command in the work
 * folder.
 *
 * <p>Until 2026-12-07 the bench used the CDS archive on every JDK: under this driver the AOT cache
 * was never assembled, because {@code Process.destroy()} closed the pipe the training JVM's
 * assembling child wrote to ({@link Outlet#close} now stops it through its handle).
 */
final class ClassCache {
  private ClassCache() {}

  /** The JVM flags of one start. */
  record Use(List<String> flags) {}

  /** No cache at all: the JVM loads every class from the jar. */
  static Use none() {
    return new Use(List.of());
  }

  static Use use(Env env, String command) {
    if (javaMajor(env) >= 25) {
      Path aot = aot(env, command);
      return new Use(Files.exists(aot)
          ? List.of("-XX:AOTCache=" + aot, "-Xlog:aot*=off,cds*=off")
          : List.of("-XX:AOTCacheOutput=" + aot, "-XX:+UnlockDiagnosticVMOptions",
              "-XX:-DisplayVMOutput", "-Xlog:aot*=off,cds*=off"));
    }
    return new Use(List.of("-XX:SharedArchiveFile=" + archive(env, command),
        "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off"));
  }

  /** Whether {@code command} has its cache (a JVM of it ran and ended before). */
  static boolean ready(Env env, String command) {
    return Files.exists(javaMajor(env) >= 25 ? aot(env, command) : archive(env, command));
  }

  private static Path archive(Env env, String command) {
    return env.work().resolve(command + ".jsa");
  }

  private static Path aot(Env env, String command) {
    return env.work().resolve(command + ".aot");
  }

  /** The feature version of the benchmark's JDK, from its {@code release} file. */
  static int javaMajor(Env env) {
    Path release = env.java().toAbsolutePath().getParent().getParent().resolve("release");
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=\"")) {
          String v = line.substring("JAVA_VERSION=\"".length());
          int end = 0;
          while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
          }
          return Integer.parseInt(v.substring(0, end));
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // below: this JVM's own
    }
    return Runtime.version().feature();
  }
}
