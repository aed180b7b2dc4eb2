package dev.outlet.server;

import dev.outlet.core.NodeRegistry;
import dev.outlet.postgres.PgDatabase;
import dev.outlet.postgres.PgNodeRegistry;
import dev.outlet.postgres.PgScheduleGate;
import dev.outlet.postgres.PostgresUrl;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code outlet cluster status}: the nodes of a cluster, read from the database they share; {@code
 * outlet cluster import} ({@link ClusterImportCommand}).
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Show the nodes of a cluster of Outlets sharing a PostgreSQL store, or import one"
            + " Outlet's data folder into it.",
    subcommands = {ClusterCommand.Status.class, ClusterImportCommand.class})
final class ClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "List the nodes (address, state, capacity, invocations running, warm sandboxes, how long"
              + " since each last beat), each function's warm sandboxes per node, and the node"
              + " that fires each region's schedules.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--store",
        required = true,
        paramLabel = "URL",
        description = "The cluster's database, as given to outlet serve --store.")
    String store;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      return withNodes(
          store,
          spec.commandLine().getErr(),
          (nodes, db, url) -> {
            List<NodeRegistry.Node> all = nodes.nodes();
            if (all.isEmpty()) {
              out.println("no nodes: no Outlet serves with --store " + url);
            } else {
              out.println(table(all, Instant.now()));
              out.println();
              out.println(leaders(nodes, db));
            }
            out.flush();
            return 0;
          });
    }
  }

  /**
   * Which node fires each region's schedules and which owns its queues: the holders of the region's
   * two leads, which another node takes within two seconds of their loss.
   */
  private static String leaders(PgNodeRegistry nodes, PgDatabase db) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"REGION", "SCHEDULES FIRED BY", "QUEUES OWNED BY"});
    for (String region : dev.outlet.postgres.PgStores.regions(db)) {
      String schema = dev.outlet.postgres.PgStores.schemaOf(region);
      String none = "no node now (one takes the lead within 2 s)";
      rows.add(
          new String[] {
            region,
            nodes.leader(PgScheduleGate.role(schema)).orElse(none),
            nodes.leader(dev.outlet.postgres.PgQueueOwnership.role(schema)).orElse(none)
          });
    }
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter table = new PrintWriter(text);
    TextTable.print(table, rows, 2);
    table.flush();
    return text.toString().stripTrailing();
  }

  /** What a command does with a cluster's node registry: its exit code. */
  @FunctionalInterface
  interface WithNodes {
    int run(PgNodeRegistry nodes, PgDatabase db, PostgresUrl url) throws InterruptedException;
  }

  /**
   * Runs {@code work} on the node registry of the cluster at {@code store} (the {@code --store}
   * option's text): exit code 2 when the address cannot be read, 1 when the database fails, each
   * said on {@code err}.
   */
  static int withNodes(String store, PrintWriter err, WithNodes work) throws InterruptedException {
    PostgresUrl url = storeUrl(store, err);
    if (url == null) {
      return 2;
    }
    try (PgDatabase db = PgDatabase.open(url, 1, ClusterNode.SCHEMA)) {
      return work.run(PgNodeRegistry.open(db), db, url);
    } catch (RuntimeException e) {
      err.println("outlet: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** The {@code --store} option's address, or null when it cannot be read (said on {@code err}). */
  static PostgresUrl storeUrl(String store, PrintWriter err) {
    try {
      return PostgresUrl.parse(store);
    } catch (IllegalArgumentException e) {
      err.println("outlet: --store: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  /** The status table of {@code nodes} as seen at {@code now}. */
  static String table(List<NodeRegistry.Node> nodes, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "NODE", "ADDRESS", "STATE", "STARTED", "CAPACITY", "RUNNING", "WARM", "LAST BEAT"
        });
    java.util.Map<String, java.util.Map<String, Integer>> warm = new java.util.TreeMap<>();
    for (NodeRegistry.Node n : nodes) {
      rows.add(
          new String[] {
            n.id(),
            n.address(),
            n.state().name(),
            n.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
            Integer.toString(n.capacity()),
            Integer.toString(n.load().running()),
            Integer.toString(n.load().warmTotal()),
            ago(Duration.between(n.heartbeat(), now))
          });
      if (n.state() != NodeRegistry.State.DOWN) {
        n.load()
            .warm()
            .forEach(
                (fn, count) ->
                    warm.computeIfAbsent(fn, k -> new java.util.TreeMap<>()).put(n.id(), count));
      }
    }
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter table = new PrintWriter(text);
    TextTable.print(table, rows, 4);
    if (!warm.isEmpty()) {
      List<String[]> byFunction = new ArrayList<>();
      byFunction.add(new String[] {"FUNCTION", "ON NODES", "WARM"});
      warm.forEach(
          (fn, perNode) -> {
            StringBuilder on = new StringBuilder();
            perNode.forEach(
                (id, count) -> on.append(on.isEmpty() ? "" : ", ").append(id + " " + count));
            int total = perNode.values().stream().mapToInt(Integer::intValue).sum();
            byFunction.add(new String[] {fn, on.toString(), Integer.toString(total)});
          });
      table.println();
      TextTable.print(table, byFunction, 2);
    }
    table.flush();
    return text.toString().stripTrailing();
  }

  private static String ago(Duration d) {
    long ms = Math.max(0, d.toMillis());
    return ms < 10_000
        ? String.format(java.util.Locale.ROOT, "%.1f s ago", ms / 1000.0)
        : (ms / 1000) + " s ago";
  }
}
