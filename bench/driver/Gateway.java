import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP front: the same echo function through Invoke, a Function URL and an HTTP API (quick
 * create, payload 2.0), wrk at 1 and 64 connections, 100 B. The target (issue 5): the gateway adds
 * at most 10 % to Invoke's latency.
 *
 * <p>On this 2-core machine one wrk run's p50 moves by ±20 % from the next, more than the effect
 * measured, and the machine's speed drifts over seconds: every thread's CPU per request (Outlet's,
 * the function's) rises and falls together with the latency. So each repetition runs the three
 * fronts back to back for one second each (the shortest wrk run: the closer in time, the better
 * the pairing), in an order that changes from one repetition to the next ({@link #ORDERS}), and
 * the target is judged on the median of the per-repetition ratios (gateway p50 / Invoke p50 of
 * the same repetition): paired comparisons, each under the conditions of its moment. A single
 * pair still varies by ±15 %, so there are many of them: 24 (quick) or 60 (full), which puts the
 * median's own error near ±3 % (quick) and ±2 % (full). Outlet's CPU per request is measured for
 * each front too: the work the gateway adds.
 */
final class Gateway {
  static final String FUNCTION = "front";
  private static final int QUICK_REPS = 24;
  private static final int FULL_REPS = 60;

  /**
   * The six orders of the three fronts, in turn: over any multiple of six repetitions each front
   * runs equally often first, second and third, and equally often right after each other front
   * (a balanced design: the order of runs leaves traces, e.g. a front is faster right after some
   * other one, and these cancel out).
   */
  private static final int[][] ORDERS = {
    {0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {2, 1, 0}, {1, 0, 2}
  };
  private static final int SECONDS = 1;

  private Gateway() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
    api.invoke(FUNCTION, Run.SMALL, false);
    String[] urls = {api.invokeUrl(FUNCTION), api.functionUrl(FUNCTION), api.httpApi(FUNCTION)};
    int jit = env.plan().jitWarmupSeconds();
    // the JIT compiles all three paths before anything is measured (the Invoke path too: run
    // alone, this scenario found C2 still compiling it, 50 us of CPU per request)
    for (int round = 0; round < 2; round++) {
      for (String u : urls) {
        Wrk.run(env, u, 8, Math.max(2, jit / 4), run.artifacts.payload100);
      }
    }
    int reps = env.full() ? FULL_REPS : QUICK_REPS;
    int seconds = SECONDS;
    for (int c : new int[] {1, 64}) {
      for (String u : urls) {
        Wrk.run(env, u, c, env.plan().warmupSeconds(), run.artifacts.payload100);
      }
      List<List<Wrk>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      String[] threads = new String[urls.length];
      for (int i = 0; i < reps; i++) {
        for (int j = 0; j < urls.length; j++) {
          int k = ORDERS[i % ORDERS.length][j];
          Map<String, Long> threads0 = Cpu.threads(run.main.pid());
          long t0 = Cpu.ticks(run.main.pid());
          Wrk w = Wrk.run(env, urls[k], c, seconds, run.artifacts.payload100);
          long ticks = Cpu.ticks(run.main.pid()) - t0;
          threads[k] = Warm.threadsPerInvoke(threads0, Cpu.threads(run.main.pid()), w);
          runs.get(k).add(w);
          cpu.get(k).add(ticks * Cpu.TICK_MS * 1000 / Math.max(1, w.requests()));
        }
      }
      String baseName = "Invoke, same function, same wrk load";
      add(run, "Function URL", c, runs.get(1), runs.get(0), baseName);
      add(run, "HTTP API", c, runs.get(2), runs.get(0), baseName);
      if (c == 1) {
        String cpuBase = "Invoke";
        run.add(Figure.against("gateway", "Function URL c=1 Outlet CPU per request", "us",
            Stats.of(cpu.get(1)), cpuBase, Stats.of(cpu.get(0)))
            .withNote("last run, busiest threads (us/request): " + threads[1]
                + "; Invoke: " + threads[0]));
        run.add(Figure.against("gateway", "HTTP API c=1 Outlet CPU per request", "us",
            Stats.of(cpu.get(2)), cpuBase, Stats.of(cpu.get(0)))
            .withNote("last run, busiest threads (us/request): " + threads[2]
                + "; Invoke: " + threads[0]));
      }
    }
  }

  private static void add(Run run, String front, int c, List<Wrk> runs, List<Wrk> base,
      String baseName) {
    String name = front + " c=" + c + " 100 B";
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      ratios.add(runs.get(i).p50Us() / Math.max(1, base.get(i).p50Us()));
    }
    double paired = Stats.of(ratios).median();
    Figure lat = Figure.against("gateway", name + " latency", "us", Wrk.latency(runs), baseName,
        Wrk.latency(base));
    lat = lat.withTarget(
            "median of paired p50 ratios <= 1.10",
            paired <= 1.10)
        .withNote(String.format(java.util.Locale.ROOT,
            "paired p50 ratios per repetition: %s (median %.3f)",
            ratios.stream().map(r -> String.format(java.util.Locale.ROOT, "%.2f", r)).toList(),
            paired));
    Figure rate = Figure.against("gateway", name + " requests/s", "1/s", Wrk.rates(runs),
        baseName, Wrk.rates(base));
    long failed = Wrk.failures(runs);
    if (failed > 0) {
      rate = rate.withNote(failed + " requests failed or were not 2xx");
    }
    run.add(lat);
    run.add(rate);
  }
}
