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
      forwarded(run, pg.database("forwarding"));
      relayed(run, pg, "relaying");
    }
  }

  /**
   * Queues in a cluster: two nodes, one owning the region's queues. The same SQS round trips at
   * c=1, one message at a time (SendMessage, ReceiveMessage, DeleteMessage: bench/lua/sqs.lua),
   * sent to the other node, which relays each request to the owner's API, against them sent to the
   * owner, in alternating rounds, each on a fresh queue.
   */
  private static void relayed(Run run, Postgres pg, String database) throws Exception {
    Env env = run.env;
    String store = pg.database(database);
    Outlet a = Outlet.start(env, env.work().resolve("relay-0"), "--store", store);
    Outlet b = Outlet.start(env, env.work().resolve("relay-1"), "--store", store);
    try {
      String address = "";
      for (int i = 0; i < 50 && address.isEmpty(); i++) {
        address = pg.query(database, "SELECT address FROM outlet_us_east_1.queue_owner");
        Thread.sleep(200);
      }
      boolean aOwns = a.endpoint.endsWith("/" + address);
      if (!aOwns && !b.endpoint.endsWith("/" + address)) {
        run.error("cluster", new IllegalStateException("no node owns the queues: " + address));
        return;
      }
      Outlet owner = aOwns ? a : b;
      Outlet other = aOwns ? b : a;
      int seconds = Math.max(3, env.plan().warmSeconds());
      String url = SqsBench.create(owner.endpoint, "relay-warmup");
      SqsBench.wrk(env, other.endpoint, url, 1, env.plan().jitWarmupSeconds(), 1, false);
      SqsBench.wrk(env, owner.endpoint, url, 1, env.plan().jitWarmupSeconds(), 1, false);
      List<Double> direct = new ArrayList<>();
      List<Double> relayed = new ArrayList<>();
      long failed = 0;
      for (int i = 0; i < env.plan().warmReps(); i++) {
        for (boolean viaOther : new boolean[] {false, true}) {
          url = SqsBench.create(owner.endpoint, "relay-" + i + (viaOther ? "-via" : "-direct"));
          SqsBench.Result r =
              SqsBench.wrk(env, (viaOther ? other : owner).endpoint, url, 1, seconds, 1, false);
          failed += r.failed();
          (viaOther ? relayed : direct).add(1e6 / r.requestsPerSecond());
        }
      }
      Figure f = Figure.against("cluster",
          "SQS request relayed to the queues' owner (c=1, send/receive/delete), time per request",
          "us", Stats.of(relayed), "the same requests sent to the owner", Stats.of(direct));
      run.add(failed > 0 ? f.withNote(failed + " requests failed or were not 2xx") : f);
    } finally {
      b.close();
      a.close();
    }
  }

  /**
   * Forwarding: two nodes, the function warm on the first only. The same warm invoke sent to the
   * second node, which forwards it to the first on the peer port (placement: the first has the
   * function's sandbox), against it sent to the first directly, in alternating rounds. CPU is both
   * JVMs' per invoke. Checked after: the second node started no sandbox (every call was forwarded).
   */
  private static void forwarded(Run run, String store) throws Exception {
    Env env = run.env;
    Outlet first = Outlet.start(env, env.work().resolve("fwd-0"), "--store", store);
    Outlet second = Outlet.start(env, env.work().resolve("fwd-1"), "--store", store);
    try {
      first.api.create(Warm.FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
      first.api.invoke(Warm.FUNCTION, Run.SMALL, false);
      Thread.sleep(5_000); // two beats: the second node sees the first's sandbox
      String direct = first.api.invokeUrl(Warm.FUNCTION);
      String via = second.api.invokeUrl(Warm.FUNCTION);
      // the forwarding path (the peer client on node 2, the peer port on node 1) is new code to
      // the JIT: measured here, its CPU per invoke was still falling after 20 s of load
      Wrk.run(env, via, 1, Math.max(40, 3 * env.plan().jitWarmupSeconds()),
          run.artifacts.payload100);
      Wrk.run(env, direct, 1, env.plan().jitWarmupSeconds(), run.artifacts.payload100);
      Jit.untilQuiet(run, "forwarded", List.of(first.pid(), second.pid()), () -> {
        Wrk.run(env, via, 1, 1, run.artifacts.payload100);
        Wrk.run(env, direct, 1, 1, run.artifacts.payload100);
      });
      List<Wrk> local = new ArrayList<>();
      List<Wrk> forwarded = new ArrayList<>();
      List<Double> localCpu = new ArrayList<>();
      List<Double> forwardedCpu = new ArrayList<>();
      for (int i = 0; i < env.plan().warmReps(); i++) {
        for (boolean viaSecond : new boolean[] {false, true}) {
          long t0 = Cpu.ticks(first.pid()) + Cpu.ticks(second.pid());
          Wrk w = Wrk.run(env, viaSecond ? via : direct, 1, env.plan().warmSeconds(),
              run.artifacts.payload100);
          double us = (Cpu.ticks(first.pid()) + Cpu.ticks(second.pid()) - t0) * Cpu.TICK_MS
              * 1000 / Math.max(1, w.requests());
          (viaSecond ? forwarded : local).add(w);
          (viaSecond ? forwardedCpu : localCpu).add(us);
        }
      }
      if (functionsRunUnder(second.pid()) > 0) {
        run.error("cluster", new IllegalStateException(
            "the second node started a sandbox of its own: not every invoke was forwarded"));
        return;
      }
      String base = "the same invoke sent to the node that runs it";
      run.add(Figure.against("cluster", "forwarded invoke (node 2 -> node 1), c=1 100 B latency",
          "us", Wrk.latency(forwarded), base, Wrk.latency(local)));
      run.add(Figure.against("cluster", "forwarded invoke, both nodes' CPU per invoke", "us",
          Stats.of(forwardedCpu), base, Stats.of(localCpu)));
    } finally {
      second.close();
      first.close();
    }
  }

  /** The function processes (the Go echo, named bootstrap) under {@code pid}: not its stubs. */
  private static long functionsRunUnder(long pid) throws java.io.IOException {
    long n = 0;
    for (long child : Procs.descendants(pid)) {
      try {
        if (java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + child + "/comm"))
            .trim().equals("bootstrap")) {
          n++;
        }
      } catch (java.io.IOException gone) {
        // ended meanwhile
      }
    }
    return n;
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
