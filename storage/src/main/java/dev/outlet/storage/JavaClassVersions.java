package dev.outlet.storage;

import dev.outlet.core.LambdaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Refuses, at deploy time, a Java function whose handler class was compiled for a newer Java than
 * its runtime: Lambda would fail every invoke with {@code UnsupportedClassVersionError}. Reads the
 * handler's class file (at the package's root, or in a jar under {@code lib/}) and nothing else: a
 * handler the package does not hold is left to the runtime, which reports it as Lambda does.
 * Stateless.
 */
final class JavaClassVersions {
  private static final Pattern JAVA = Pattern.compile("java(\\d+)(\\.al2)?");

  private JavaClassVersions() {}

  static void check(Path root, String runtime, String handler) {
    Matcher m = JAVA.matcher(runtime);
    if (!m.matches() || handler == null || handler.isBlank()) {
      return;
    }
    int java = Integer.parseInt(m.group(1));
    String className = handler.split("::", 2)[0];
    String entry = className.replace('.', '/') + ".class";
    try {
      Optional<Found> found = find(root, entry);
      if (found.isPresent() && found.get().major() - 44 > java) {
        int built = found.get().major() - 44;
        throw LambdaException.invalidParameter(
            found.get().where()
                + " was compiled for Java "
                + built
                + " (class file version "
                + found.get().major()
                + "), but runtime "
                + runtime
                + " runs Java "
                + java
                + ": Lambda would fail every invoke with UnsupportedClassVersionError. Compile with"
                + " --release "
                + java
                + " (Maven: <maven.compiler.release>"
                + java
                + "</maven.compiler.release>), or create the function with --runtime java"
                + built
                + ".");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + root, e);
    }
  }

  private record Found(String where, int major) {}

  private static Optional<Found> find(Path root, String entry) throws IOException {
    Path file = root.resolve(entry);
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        return major(in).map(v -> new Found(entry, v));
      }
    }
    Path lib = root.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
      for (Path jar : jars) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          ZipEntry e = zip.getEntry(entry);
          if (e != null) {
            try (InputStream in = zip.getInputStream(e)) {
              String where = "lib/" + jar.getFileName() + "!/" + entry;
              return major(in).map(v -> new Found(where, v));
            }
          }
        } catch (java.util.zip.ZipException bad) {
          // not a jar after all: the runtime will say so
        }
      }
    }
    return Optional.empty();
  }

  /** The class file's major version, or empty when it is not a class file. */
  private static Optional<Integer> major(InputStream in) throws IOException {
    byte[] head = in.readNBytes(8);
    if (head.length < 8
        || (head[0] & 0xff) != 0xca
        || (head[1] & 0xff) != 0xfe
        || (head[2] & 0xff) != 0xba
        || (head[3] & 0xff) != 0xbe) {
      return Optional.empty();
    }
    return Optional.of(((head[6] & 0xff) << 8) | (head[7] & 0xff));
  }
}
