import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the results say about the machine and the software measured. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe(Env env) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nproc", Procs.firstLine(Procs.run(List.of("nproc"), 10)));
    m.put("memory", meminfo());
    m.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
    m.put("cpu", cpu());
    m.put("jdk", Procs.firstLine(
        Procs.run(List.of(env.java().toString(), "-version"), 30)
            .lines().filter(l -> l.contains("version")).findFirst().orElse("?")));
    m.put("jdk_home", env.java().getParent().getParent().toString());
    m.put("outlet_version", Procs.firstLine(Procs.run(List.of(env.java().toString(),
        "-jar", env.jar().toString(), "--version"), 60)));
    m.put("wrk", Procs.firstLine(run(List.of("wrk", "-v"))));
    m.put("go", Procs.firstLine(run(List.of("/usr/bin/go", "version"))));
    return m;
  }

  static String loadAverage() throws Exception {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static String run(List<String> cmd) {
    try {
      return Procs.run(cmd, 30);
    } catch (Exception e) {
      // wrk -v exits 1 after printing its version
      String msg = e.getMessage();
      int nl = msg == null ? -1 : msg.indexOf('\n');
      return nl < 0 ? "?" : msg.substring(nl + 1);
    }
  }

  private static String meminfo() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
      }
    }
    return "?";
  }

  private static String cpu() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "?";
  }
}
