import java.util.List;
import java.util.Map;

/**
 * Density (full mode): N (1,000) idle warm sandboxes of the Go echo function, brought up by N
 * concurrent invokes on a fresh Outlet (keep-warm 30 min). Outlet's own heap (after full GCs) and
 * RSS per sandbox, against the same instance with one warm sandbox; the function processes'
 * memory reported apart.
 */
final class Density {
  static final String FUNCTION = "density";

  private Density() {}

  /** Live objects by class after a full GC: class -> {instances, bytes}. */
  private static Map<String, long[]> histogram(Env env, Outlet o) throws Exception {
    String out = Procs.run(List.of(env.jdkTool("jcmd").toString(), Long.toString(o.pid()),
        "GC.class_histogram"), 120);
    Map<String, long[]> m = new java.util.HashMap<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        m.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return m;
  }

  /** Which classes the extra sandboxes' heap is made of, per sandbox, next to the results. */
  private static void writeHistogramDelta(Run run, Map<String, long[]> before,
      Map<String, long[]> after, long added) throws java.io.IOException {
    StringBuilder b = new StringBuilder("Outlet heap added per idle sandbox, by class (after full"
        + " GC; " + added + " sandboxes added)\n\n   bytes  instances  class\n");
    long total = 0;
    java.util.List<Map.Entry<String, long[]>> rows = new java.util.ArrayList<>();
    for (var e : after.entrySet()) {
      long[] was = before.getOrDefault(e.getKey(), new long[2]);
      long[] d = {e.getValue()[0] - was[0], e.getValue()[1] - was[1]};
      total += d[1];
      rows.add(Map.entry(e.getKey(), d));
    }
    rows.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    for (var r : rows.subList(0, Math.min(40, rows.size()))) {
      b.append(String.format("%8.0f %10.1f  %s%n", r.getValue()[1] / (double) added,
          r.getValue()[0] / (double) added, r.getKey()));
    }
    b.append(String.format("%8.0f             total%n", total / (double) added));
    java.nio.file.Path file = run.env.results().resolveSibling(
        run.env.results().getFileName().toString().replace(".json", "-density-heap.txt"));
    java.nio.file.Files.writeString(file, b);
    run.fact("density_heap_by_class", run.env.root().relativize(file));
  }

  static void run(Run run) throws Exception {
    Env env = run.env;
    int n = env.plan().density();
    try (Outlet o = Outlet.start(env, env.work().resolve("data-density"), "--keep-warm", "PT30M")) {
      o.api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
      o.api.invoke(FUNCTION, Run.SMALL, false);
      Thread.sleep(2000);
      long heap0 = o.heapUsedAfterGcKb(env);
      Map<String, long[]> histo0 = histogram(env, o);
      long rss0 = o.rssKb();

      long t0 = System.nanoTime();
      List<Api.Invoked> answers = o.api.invokeConcurrently(FUNCTION, Run.SMALL, n);
      long end = answers.stream().mapToLong(Api.Invoked::endNanos).max().orElse(t0);
      long ok = answers.stream().filter(a -> a.status() == 200).count();
      long cold = answers.stream().filter(Api.Invoked::cold).count();
      Thread.sleep(5000); // every sandbox back to idle, parked on GET /next
      long heap1 = o.heapUsedAfterGcKb(env);
      Map<String, long[]> histo1 = histogram(env, o);
      long rss1 = o.rssKb();
      List<Long> procs = Procs.descendants(o.pid());
      long procRss = 0;
      for (long p : procs) {
        procRss += Procs.statusKb(p, "VmRSS");
      }
      long sandboxes = cold + 1;
      writeHistogramDelta(run, histo0, histo1, cold);
      run.fact("density", "%d invokes, %d answered 200, %d sandboxes started, %d function processes"
          .formatted(n, ok, cold, procs.size()));
      run.add(Figure.of("density", n + " concurrent invokes: all answered", "ms",
          Stats.of((end - t0) / 1e6)));
      Figure heap = Figure.of("density", "Outlet heap per idle sandbox", "KB",
          Stats.of((heap1 - heap0) / (double) (sandboxes - 1)))
          .withNote("heap after GC: %d KB with 1 sandbox, %d KB with %d".formatted(heap0, heap1,
              sandboxes));
      run.add(heap.withTarget("<= 100 KB", heap.outlet().median() <= 100));
      run.add(Figure.of("density", "Outlet RSS per idle sandbox", "KB",
          Stats.of((rss1 - rss0) / (double) (sandboxes - 1)))
          .withNote("RSS: %d KB with 1 sandbox, %d KB with %d".formatted(rss0, rss1, sandboxes)));
      run.add(Figure.of("density", "function processes RSS per sandbox", "KB",
          Stats.of(procRss / (double) sandboxes))
          .withNote(procs.size() + " processes (runtimes and isolation wrappers), "
              + procRss / 1024 + " MB in all"));
    }
  }
}
