import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Running helper commands and reading /proc. Stateless. */
final class Procs {
  private Procs() {}

  /** Runs a command to completion; returns its stdout+stderr; throws if it fails or times out. */
  static String run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
    return run(cmd, timeoutSeconds, Map.of());
  }

  static String run(List<String> cmd, int timeoutSeconds, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[][] out = new byte[1][];
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        out[0] = p.getInputStream().readAllBytes();
      } catch (IOException e) {
        out[0] = new byte[0];
      }
    });
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
    }
    reader.join();
    String text = new String(out[0], StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  /** A field in kB of /proc/PID/status (VmRSS, VmHWM, ...), or 0 if the process is gone. */
  static long statusKb(long pid, String field) throws IOException {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    }
    return 0;
  }

  /** Every live descendant of {@code pid} (children, grandchildren, ...), from /proc/PID/stat. */
  static List<Long> descendants(long pid) throws IOException {
    Map<Long, List<Long>> children = new HashMap<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path d : dirs.toList()) {
        String name = d.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(d.resolve("stat"));
          String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          children.computeIfAbsent(Long.parseLong(after[1]), k -> new ArrayList<>())
              .add(Long.parseLong(name));
        } catch (IOException | RuntimeException e) {
          // exited while we looked
        }
      }
    }
    List<Long> out = new ArrayList<>();
    ArrayDeque<Long> todo = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
    while (!todo.isEmpty()) {
      long p = todo.pop();
      out.add(p);
      todo.addAll(children.getOrDefault(p, List.of()));
    }
    return out;
  }

  static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).trim();
  }
}
