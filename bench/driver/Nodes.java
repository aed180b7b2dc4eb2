import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cluster: does an invoke cost a node more when more nodes share its database? The same warm
 * invoke (Go echo function, 100 B, 1 connection, wrk) on the first node of clusters of 1, 2 and 3
 * `outlet serve --store` nodes sharing one throwaway PostgreSQL, against the same invoke on an
 * Outlet without --store (one machine's SQLite), all in this run. The other nodes are idle but
 * beating, following the change feed, renewing their leases: what a node pays for its peers.
 * CPU is the first node's whole JVM from /proc, per invoke.
 */
final class Nodes {
  private Nodes() {}

  private record Measured(List<Wrk> runs, List<Double> cpuUs) {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    var bin = Postgres.binaries();
    if (bin.isEmpty()) {
      run.error("cluster", new IllegalStateException(
          "Debian's postgresql is not installed (initdb, pg_ctl): apt-get install postgresql"));
      return;
    }
    try (Postgres pg = Postgres.start(bin.get())) {
      Measured alone = measure(run, 0, null);
      for (int n = 1; n <= 3; n++) {
        Measured m = measure(run, n, pg.database("nodes" + n));
        String name = "invoke on a node of " + n + (n == 1 ? " (--store)" : " sharing one database");
        String base = "one Outlet without --store";
        run.add(Figure.against("cluster", name + ", c=1 100 B latency", "us",
            Wrk.latency(m.runs()), base, Wrk.latency(alone.runs())));
        run.add(Figure.against("cluster", name + ", Outlet CPU per invoke", "us",
            Stats.of(m.cpuUs()), base, Stats.of(alone.cpuUs())));
      }
    }
  }

  private static Measured measure(Run run, int nodes, String store) throws Exception {
    Env env = run.env;
    List<Outlet> started = new ArrayList<>();
    try {
      for (int i = 0; i < Math.max(1, nodes); i++) {
        var data = env.work().resolve("nodes-" + nodes + "-" + i);
        started.add(store == null ? Outlet.start(env, data)
            : Outlet.start(env, data, "--store", store));
      }
      Outlet first = started.getFirst();
      first.api.create(Warm.FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
      first.api.invoke(Warm.FUNCTION, Run.SMALL, false);
      String url = first.api.invokeUrl(Warm.FUNCTION);
      Wrk.run(env, url, 1, env.plan().jitWarmupSeconds(), run.artifacts.payload100);
      List<Wrk> runs = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int i = 0; i < env.plan().warmReps(); i++) {
        long t0 = Cpu.ticks(first.pid());
        Wrk w = Wrk.run(env, url, 1, env.plan().warmSeconds(), run.artifacts.payload100);
        cpu.add((Cpu.ticks(first.pid()) - t0) * Cpu.TICK_MS * 1000 / Math.max(1, w.requests()));
        runs.add(w);
      }
      return new Measured(runs, cpu);
    } finally {
      for (Outlet o : started) {
        o.close();
      }
    }
  }
}
