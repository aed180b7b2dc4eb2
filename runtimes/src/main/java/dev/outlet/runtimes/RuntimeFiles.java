package dev.outlet.runtimes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The runtime loops Outlet ships (resources under {@code dev/outlet/runtimes/}: {@code python/},
 * {@code nodejs/}, {@code java/lib/} with AWS's Java runtime interface client), written once into
 * {@code DATA/runtimes/<content hash>/} and shown read-only at {@code /var/runtime}. The folder is
 * named by the hash of what it holds (each file's size and CRC-32 as the jar records them), so a
 * new Outlet never changes files a running sandbox uses; it is made in a temporary folder and
 * renamed into place complete. Older folders are removed at start (no sandbox outlives the Outlet
 * that started it).
 *
 * <p>For Java, the client's JNI library for this host is unpacked beside its jars ({@code
 * lib/libaws-lambda-jni.so}), so that sandboxes, whose /tmp is private, need not each unpack it.
 */
public final class RuntimeFiles {
  private static final String PREFIX = "dev/outlet/runtimes/";
  static final String JNI = "libaws-lambda-jni.so";
  static final String CACHE_PLACEHOLDER = "startup.cache";

  private final Path root;

  private RuntimeFiles(Path root) {
    this.root = root;
  }

  /** The files of {@code family}'s runtime: the folder shown at /var/runtime. */
  public Path folder(Family family) {
    return root.resolve(family.folder());
  }

  /** The folder of all runtimes ({@code DATA/runtimes/<hash>}). */
  public Path root() {
    return root;
  }

  /**
   * Writes the shipped runtimes under {@code runtimes} (unless this version is there already) and
   * removes other versions.
   */
  public static RuntimeFiles install(Path runtimes) {
    return install(runtimes, List.of());
  }

  /**
   * As {@link #install(Path)}, with the Python runtime compiled to bytecode by each of {@code
   * pythons} ({@code compileall} with unchecked hashes: /var/runtime is read-only in the sandbox,
   * so an interpreter would otherwise compile the runtime again at every cold start, ~5 ms).
   */
  public static RuntimeFiles install(Path runtimes, List<Path> pythons) {
    try {
      String hash = hash(fingerprints(), pythons);
      Path target = runtimes.resolve(hash);
      if (!Files.isDirectory(target)) {
        Map<String, byte[]> files = read();
        Files.createDirectories(runtimes);
        Path tmp = Files.createTempDirectory(runtimes, ".new-");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          Path file = tmp.resolve(f.getKey());
          Files.createDirectories(file.getParent());
          Files.write(file, f.getValue());
        }
        unpackJni(tmp.resolve(Family.JAVA.folder()).resolve("lib"));
        for (Path python : pythons) {
          compile(python, tmp.resolve(Family.PYTHON.folder()));
        }
        // the mount point a JVM's startup cache is shown over (see LaunchPlans#javaCache)
        Files.createDirectories(tmp.resolve(Family.JAVA.folder()));
        Files.createFile(tmp.resolve(Family.JAVA.folder()).resolve(CACHE_PLACEHOLDER));
        readable(tmp);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          delete(tmp); // another Outlet on the same data folder was quicker
        }
      }
      try (DirectoryStream<Path> all = Files.newDirectoryStream(runtimes)) {
        for (Path p : all) {
          if (!p.equals(target)) {
            delete(p);
          }
        }
      }
      return new RuntimeFiles(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the runtimes into " + runtimes, e);
    }
  }

  /** Every shipped runtime file, by its path under {@code dev/outlet/runtimes/}, sorted. */
  static Map<String, byte[]> read() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Path location = location();
    if (Files.isDirectory(location)) {
      Path base = location.resolve(PREFIX);
      if (Files.isDirectory(base)) {
        try (Stream<Path> walk = Files.walk(base)) {
          for (Path p : walk.filter(Files::isRegularFile).toList()) {
            files.put(base.relativize(p).toString(), Files.readAllBytes(p));
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
          String name = e.getName();
          if (name.startsWith(PREFIX) && !e.isDirectory() && !name.endsWith(".class")) {
            try (InputStream in = jar.getInputStream(e)) {
              files.put(name.substring(PREFIX.length()), in.readAllBytes());
            }
          }
        }
      }
    }
    files.keySet().removeIf(k -> k.endsWith(".class") || k.contains("__pycache__"));
    return files;
  }

  /**
   * What names each shipped file's content, by its path: in the jar, its size and CRC-32 from the
   * jar's directory (reading and hashing the 5 MB of files instead cost every start ~0.1–0.3 s of
   * CPU, docs/architecture.md "Startup"); from a folder of classes (tests), the file itself.
   */
  static Map<String, byte[]> fingerprints() throws IOException {
    Path location = location();
    if (Files.isDirectory(location)) {
      return read();
    }
    Map<String, byte[]> sums = new TreeMap<>();
    try (JarFile jar = new JarFile(location.toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        String name = e.getName();
        if (shipped(name) && !e.isDirectory()) {
          sums.put(
              name.substring(PREFIX.length()),
              java.nio.ByteBuffer.allocate(16).putLong(e.getSize()).putLong(e.getCrc()).array());
        }
      }
    }
    return sums;
  }

  private static boolean shipped(String name) {
    return name.startsWith(PREFIX) && !name.endsWith(".class") && !name.contains("__pycache__");
  }

  private static Path location() throws IOException {
    try {
      return Path.of(
          RuntimeFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static String hash(Map<String, byte[]> files, List<Path> pythons) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Path python : pythons) {
        d.update(python.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        d.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(f.getValue());
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles the Python runtime's modules with {@code python}; a failure only costs speed. */
  private static void compile(Path python, Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try {
      Process p =
          new ProcessBuilder(
                  python.toString(),
                  "-m",
                  "compileall",
                  "-q",
                  "--invalidation-mode",
                  "unchecked-hash",
                  folder.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // the runtime still works, compiled at each start
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The runtime interface client's JNI library for this host, next to its jar. */
  private static void unpackJni(Path lib) throws IOException {
    if (!Files.isDirectory(lib)) {
      return;
    }
    String arch = System.getProperty("os.arch", "").equals("aarch64") ? "aarch_64" : "x86_64";
    String wanted = "jni/libaws-lambda-jni.linux-" + arch + ".so";
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
      for (Path jar : jars) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          ZipEntry e = zip.getEntry(wanted);
          if (e != null) {
            try (InputStream in = zip.getInputStream(e)) {
              Files.copy(in, lib.resolve(JNI), StandardCopyOption.REPLACE_EXISTING);
            }
            return;
          }
        }
      }
    }
  }

  /** Everyone may read the files and enter the folders (sandboxes run as uid 993). */
  private static void readable(Path tree) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path p : walk.toList()) {
        Files.setPosixFilePermissions(
            p,
            java.nio.file.attribute.PosixFilePermissions.fromString(
                Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /** The jars of the Java runtime, sorted: an explicit, stable class path. */
  List<String> javaJars() {
    List<String> names = new ArrayList<>();
    Path lib = folder(Family.JAVA).resolve("lib");
    if (Files.isDirectory(lib)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
        jars.forEach(j -> names.add(j.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    names.sort(null);
    return names;
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
