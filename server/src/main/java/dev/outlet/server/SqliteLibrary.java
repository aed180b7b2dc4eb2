package dev.outlet.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * SQLite's JNI library from a per-user cache: sqlite-jdbc otherwise copies its ~1.1 MB library from
 * the jar into {@code /tmp} at every start and checksums both copies (140–260 ms of a start
 * measured, docs/architecture.md "Startup"), and a process killed with -9 leaves its copy behind.
 * Here the library is copied once per sqlite-jdbc version and platform under {@code
 * $XDG_CACHE_HOME/outlet} ({@code ~/.cache/outlet}), written to a temporary name and renamed into
 * place complete, and sqlite-jdbc is told to load it from there ({@code org.sqlite.lib.path},
 * {@code org.sqlite.lib.name}). Anything unusual (no home, a read-only cache, a platform the jar
 * has no library for, musl's C library, a property set by the user) leaves sqlite-jdbc to do as it
 * does. sqlite-jdbc's own platform probe ({@code OSInfo}) is not used: its first call alone took
 * ~200 ms here, and Outlet runs on glibc Linux on x86_64 or aarch64.
 */
final class SqliteLibrary {
  private SqliteLibrary() {}

  static void useCached() {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      Path cache = cacheHome();
      if (cache == null) {
        return;
      }
      String arch =
          switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
          };
      String version = version();
      if (arch == null
          || version == null
          || !System.getProperty("os.name", "").equals("Linux")
          || Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1"))) {
        return;
      }
      String name = System.mapLibraryName("sqlitejdbc");
      String resource = "/org/sqlite/native/Linux/" + arch + "/" + name;
      Path dir = cache.resolve("sqlite-jdbc-" + version + "-" + arch);
      Path library = dir.resolve(name);
      if (!Files.isRegularFile(library)) {
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
          if (in == null) {
            return;
          }
          Files.createDirectories(dir);
          Path partial = Files.createTempFile(dir, name, ".partial");
          try {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
          } finally {
            Files.deleteIfExists(partial);
          }
        }
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException e) {
      // sqlite-jdbc unpacks its own copy, as without this class
    }
  }

  /** sqlite-jdbc's version, from its Maven metadata in the jar, or null. */
  private static String version() throws IOException {
    try (InputStream in =
        SqliteLibrary.class.getResourceAsStream("/META-INF/maven/org.xerial/sqlite-jdbc/VERSION")) {
      if (in == null) {
        return null;
      }
      String v = new String(in.readNBytes(64), StandardCharsets.US_ASCII).strip();
      v = v.startsWith("version=") ? v.substring("version=".length()) : v; // "version=3.54.1"
      return v.matches("[0-9A-Za-z.-]+") ? v : null;
    }
  }

  private static Path cacheHome() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Path.of(xdg, "outlet");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isEmpty() || home.equals("?")
        ? null
        : Path.of(home, ".cache", "outlet");
  }
}
