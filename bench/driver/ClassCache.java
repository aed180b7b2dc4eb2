import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class-data cache of a command, for the JVMs the benchmark starts to time a start: a dynamic
 * CDS archive ({@code -XX:+AutoCreateSharedArchive}), written by the command's first run as the JVM
 * exits and mapped by the later ones, one per command in the work folder.
 *
 * <p>{@code ./outlet} uses an AOT cache on JDK 25+ instead. Under this driver the AOT cache's
 * one-step training left its {@code .config} and never assembled the cache (every start trained
 * again), while under {@code ./outlet} it does: until that is understood the bench times starts with
 * the CDS archive, on every JDK (docs/architecture.md, "Startup").
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
    return new Use(List.of("-XX:SharedArchiveFile=" + archive(env, command),
        "-XX:+AutoCreateSharedArchive", "-Xlog:cds*=off"));
  }

  /** Whether {@code command} has its archive (a JVM of it ran and ended before). */
  static boolean ready(Env env, String command) {
    return Files.exists(archive(env, command));
  }

  private static Path archive(Env env, String command) {
    return env.work().resolve(command + ".jsa");
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
