import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The class-data cache {@code ./outlet} gives each command, for the JVMs the benchmark starts: on
 * JDK 25 and later an AOT cache ({@code -XX:AOTCache}), trained by the command's first run
 * ({@code -XX:AOTCacheOutput} to a file of its own, renamed to the cache once that JVM ended, as
 * the launcher does); before, a dynamic CDS archive ({@code -XX:+AutoCreateSharedArchive}). The
 * caches live in the work folder, one per command. Each {@link Use} is for one JVM.
 */
final class ClassCache {
  private ClassCache() {}

  /** The flags of one JVM, and the file its training writes (null when it uses a cache). */
  record Use(List<String> flags, Path pending, Path cache) {
    /**
     * After a training JVM ended: waits (up to 60 s) for the cache it assembles as it exits, in a
     * process of its own, and adopts it.
     */
    void adoptWaiting() throws InterruptedException {
      for (int i = 0; i < 300 && pending != null && !Files.exists(cache); i++) {
        adopt();
        if (!Files.exists(cache)) {
          Thread.sleep(200);
        }
      }
    }

    /** After the JVM ended: its training's output becomes the cache (when none appeared since). */
    void adopt() {
      if (pending == null || !Files.exists(pending)
          || Files.exists(pending.resolveSibling(pending.getFileName() + ".config"))) {
        return; // not written yet, or still being assembled
      }
      try {
        if (Files.size(pending) > 0 && !Files.exists(cache)) {
          Files.move(pending, cache, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(pending);
      } catch (IOException e) {
        // the next JVM trains again
      }
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong SEQ =
      new java.util.concurrent.atomic.AtomicLong();

  private static final boolean AOT_TRAINING_WORKS_HERE = false;

  /** No cache at all: the JVM loads every class from the jar. */
  static Use none() {
    return new Use(List.of(), null, null);
  }

  static Use use(Env env, String command) {
    // The AOT cache's one-step training did not complete under the driver (its .config was left,
    // no cache assembled, every start trained again), though it does under ./outlet: until that
    // is understood, the bench measures starts with the CDS archive on every JDK.
    if (javaMajor(env) < 25 || !AOT_TRAINING_WORKS_HERE) {
      Path jsa = env.work().resolve(command + ".jsa");
      return new Use(List.of("-XX:SharedArchiveFile=" + jsa, "-XX:+AutoCreateSharedArchive",
          "-Xlog:cds*=off"), null, jsa);
    }
    Path aot = env.work().resolve(command + ".aot");
    if (Files.exists(aot)) {
      return new Use(List.of("-XX:AOTCache=" + aot, "-Xlog:aot*=off,cds*=off"), null, aot);
    }
    Path pending = env.work().resolve(command + ".aot." + ProcessHandle.current().pid() + "-"
        + SEQ.incrementAndGet());
    return new Use(List.of("-XX:AOTCacheOutput=" + pending, "-XX:+UnlockDiagnosticVMOptions",
        "-XX:-DisplayVMOutput", "-Xlog:aot*=off,cds*=off"), pending, aot);
  }

  /** Whether {@code command} has its cache (a JVM of it ran and ended before). */
  static boolean ready(Env env, String command) {
    boolean cds = javaMajor(env) < 25 || !AOT_TRAINING_WORKS_HERE;
    return Files.exists(env.work().resolve(command + (cds ? ".jsa" : ".aot")));
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
    } catch (IOException | NumberFormatException e) {
      // below: as if old
    }
    return Runtime.version().feature();
  }
}
