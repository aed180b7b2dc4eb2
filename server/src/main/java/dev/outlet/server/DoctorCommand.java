package dev.outlet.server;

import dev.outlet.runtimes.ManagedRuntimes;
import dev.outlet.sandbox.Protections;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code outlet doctor}: which sandbox protections this host allows, and how to get the rest. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Show which sandbox protections this host provides, which interpreters serve the managed"
            + " runtimes, and what to install for the rest.")
final class DoctorCommand implements Callable<Integer> {

  @Option(
      names = "--bwrap",
      defaultValue = "/usr/bin/bwrap",
      description = "bubblewrap executable to check (default: ${DEFAULT-VALUE}).")
  Path bwrap;

  @Option(
      names = "--runtime",
      paramLabel = "ID=PATH",
      description = "A mapping as serve --runtime takes it, to check it")
  java.util.Map<String, Path> mappings = new java.util.LinkedHashMap<>();

  @Option(
      names = "--data-dir",
      description =
          "The data directory whose functions' execution roles to check as --auth iam would,"
              + " and whose images' space to report (default: Outlet's default data directory,"
              + " when it exists).")
  Path dataDir;

  @Override
  public Integer call() {
    Protections p =
        Protections.probe(bwrap, Protections.DEFAULT_CGROUP_ROOT, Protections.DEFAULT_QEMU);
    int width = p.table().stream().mapToInt(r -> r.protection().length()).max().orElse(10);
    System.out.printf("%-" + width + "s  %-6s  %s%n", "protection", "status", "how / what to do");
    for (Protections.Row r : p.table()) {
      System.out.printf(
          "%-" + width + "s  %-6s  %s%n", r.protection(), r.active() ? "on" : "OFF", r.detail());
    }
    System.out.println();
    ManagedRuntimes runtimes = ManagedRuntimes.start(null, null, mappings);
    System.out.printf(
        "%-" + width + "s  %-6s  %s%n", "runtime", "status", "served by / what to do");
    System.out.printf(
        "%-" + width + "s  %-6s  %s%n",
        "provided.al2023, provided.al2",
        "on",
        "the package's bootstrap");
    for (ManagedRuntimes.Row r : runtimes.table()) {
      System.out.printf(
          "%-" + width + "s  %-6s  %s%n", r.runtime(), r.available() ? "on" : "OFF", r.detail());
    }
    Path data = dataDir != null ? dataDir : ServerConfig.defaultDataDir();
    if (java.nio.file.Files.isDirectory(data)) {
      System.out.println();
      for (String line : RoleDiagnosis.of(data)) {
        System.out.println(line);
      }
      System.out.println();
      System.out.println(ImageSpace.of(data));
    }
    return 0;
  }
}
