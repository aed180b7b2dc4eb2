import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time from /proc (utime + stime, in clock ticks of 10 ms): of a process, of a set of
 * processes, and of a process's threads by name. Over a wrk run of thousands of requests the
 * 10 ms resolution is a few microseconds per request.
 */
final class Cpu {
  static final double TICK_MS = 10.0; // CLK_TCK is 100 on Linux x86_64

  private Cpu() {}

  static long ticks(long pid) {
    return ticksOf(Path.of("/proc", Long.toString(pid), "stat"));
  }

  static long ticks(List<Long> pids) {
    long t = 0;
    for (long p : pids) {
      t += ticks(p);
    }
    return t;
  }

  /** Thread name -> ticks, summed over threads of the same name (e.g. both event loops). */
  static Map<String, Long> threads(long pid) throws IOException {
    Map<String, Long> m = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : tasks.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "");
          m.merge(name, ticksOf(t.resolve("stat")), Long::sum);
        } catch (IOException e) {
          // the thread ended
        }
      }
    }
    return m;
  }

  private static long ticksOf(Path stat) {
    try {
      String s = Files.readString(stat);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
