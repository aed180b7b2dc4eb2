package dev.outlet.server;

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
        "Show which sandbox protections this host provides and what to install for the rest.")
final class DoctorCommand implements Callable<Integer> {

  @Option(
      names = "--bwrap",
      defaultValue = "/usr/bin/bwrap",
      description = "bubblewrap executable to check (default: ${DEFAULT-VALUE}).")
  Path bwrap;

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
    return 0;
  }
}
