package dev.outlet.runtimes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the interpreters of this host: {@code python3.N} and {@code node} in /usr/local/bin and
 * /usr/bin, the JDKs under /usr/lib/jvm, and the executable an operator names for a runtime. A
 * JDK's version is read from its {@code release} file; Python and Node.js are asked ({@code -V},
 * {@code --version}), all at once on virtual threads (about the time of one {@code node
 * --version}). Blocking: call off event loops.
 */
public final class HostInterpreters {
  public static final List<Path> BIN = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"));
  public static final Path JVM = Path.of("/usr/lib/jvm");

  private static final Pattern PYTHON_NAME = Pattern.compile("python3\\.\\d+");
  private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)");
  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"([^\"]+)\"");

  private HostInterpreters() {}

  /** Every interpreter found in {@code bin} folders and under {@code jvm}, in a stable order. */
  public static List<Interpreter> find(List<Path> bin, Path jvm) {
    Map<Path, Family> candidates = new LinkedHashMap<>();
    for (Path dir : bin) {
      for (Path p : list(dir)) {
        String name = p.getFileName().toString();
        if (PYTHON_NAME.matcher(name).matches()) {
          candidates.putIfAbsent(real(p), Family.PYTHON);
        } else if (name.equals("node") || name.equals("nodejs")) {
          candidates.putIfAbsent(real(p), Family.NODEJS);
        }
      }
    }
    List<CompletableFuture<Optional<Interpreter>>> probes = new ArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      candidates.forEach(
          (exe, family) ->
              probes.add(CompletableFuture.supplyAsync(() -> probe(family, exe), threads)));
      Map<Path, Boolean> homes = new LinkedHashMap<>();
      for (Path home : list(jvm)) {
        if (homes.putIfAbsent(real(home), true) == null) {
          probes.add(CompletableFuture.completedFuture(jdk(real(home))));
        }
      }
    }
    List<Interpreter> found = new ArrayList<>();
    for (CompletableFuture<Optional<Interpreter>> p : probes) {
      p.join().ifPresent(found::add);
    }
    found.sort(
        Comparator.comparing(Interpreter::family)
            .thenComparing(i -> i.major() * 1000 + i.minor())
            .thenComparing(i -> i.executable().toString()));
    return List.copyOf(found);
  }

  /**
   * The interpreter at {@code executable} (a python, a node, or a JDK's java or home folder), or
   * empty when it is none or does not answer.
   */
  public static Optional<Interpreter> probe(Family family, Path executable) {
    if (family == Family.JAVA) {
      Path home = Files.isDirectory(executable) ? executable : executable.getParent().getParent();
      return jdk(real(home));
    }
    if (!Files.isExecutable(executable) || Files.isDirectory(executable)) {
      return Optional.empty();
    }
    String flag = family == Family.PYTHON ? "-V" : "--version";
    return ask(executable, flag)
        .map(VERSION::matcher)
        .filter(Matcher::find)
        .map(m -> new Interpreter(family, m.group(1), executable, executable.getParent()));
  }

  private static Optional<Interpreter> jdk(Path home) {
    Path java = home.resolve("bin/java");
    Path release = home.resolve("release");
    if (!Files.isExecutable(java) || !Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
      return m.find()
          ? Optional.of(new Interpreter(Family.JAVA, m.group(1), java, home))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> ask(Path exe, String flag) {
    try {
      Process p =
          new ProcessBuilder(exe.toString(), flag)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      byte[] out = p.getInputStream().readNBytes(256);
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0
          ? Optional.of(new String(out, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (IOException e) {
      // an unreadable folder has nothing to offer
    }
    out.sort(null);
    return out;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath();
    }
  }
}
