import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Burst: N (200) concurrent invocations of a function with no warm sandbox (a new function each
 * repetition): time until all are answered, sandboxes started (REPORTs with Init Duration), and
 * the per-invocation latency. The first repetition meets the launch stubs Outlet keeps at rest;
 * the next ones meet the stubs the previous burst left sized from its demand, so the first is
 * also reported alone. Then, in a fresh Outlet (as density's), 1000 concurrent cold starts of
 * one function: the account's concurrency limit (1000) exactly.
 */
final class Burst {
  static final int LARGE = 1000;

  private Burst() {}

  static void run(Run run) throws Exception {
    Api api = run.main.api;
    int size = run.env.plan().burstSize();
    List<Double> all = new ArrayList<>();
    List<Double> started = new ArrayList<>();
    List<Double> latency = new ArrayList<>();
    long failed = 0;
    for (int r = 0; r < run.env.plan().burstReps(); r++) {
      String name = "burst-" + r;
      api.create(name, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
      long t0 = System.nanoTime();
      List<Api.Invoked> answers = api.invokeConcurrently(name, Run.SMALL, size);
      long end = answers.stream().mapToLong(Api.Invoked::endNanos).max().orElse(t0);
      all.add((end - t0) / 1e6);
      started.add((double) answers.stream().filter(Api.Invoked::cold).count());
      answers.forEach(a -> latency.add(a.millis()));
      failed += answers.stream().filter(a -> a.status() != 200).count();
      Thread.sleep(2000); // the stubs the burst asked for are made
    }
    String label = "burst of " + size;
    Figure f = Figure.of("burst", label + ": all answered", "ms", Stats.of(all));
    f = f.withTarget("<= 1000 ms", f.outlet().median() <= 1000);
    if (failed > 0) {
      f = f.withNote(failed + " invocations did not answer 200");
    }
    run.add(f);
    run.add(Figure.of("burst", "first " + label + ": all answered", "ms", Stats.of(all.get(0)))
        .withNote("the stubs kept at rest; the next bursts meet those the previous one left"));
    run.add(Figure.of("burst", label + ": sandboxes started", "count", Stats.of(started)));
    run.add(Figure.of("burst", label + ": per-invoke latency", "ms", Stats.of(latency)));
    large(run);
  }

  /** 1000 concurrent cold starts in an Outlet of their own, its stubs at rest. */
  private static void large(Run run) throws Exception {
    Env env = run.env;
    try (Outlet o = Outlet.start(env, env.work().resolve("data-burst-large"))) {
      o.api.create("burst-large", run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
      long t0 = System.nanoTime();
      List<Api.Invoked> answers = o.api.invokeConcurrently("burst-large", Run.SMALL, LARGE);
      long end = answers.stream().mapToLong(Api.Invoked::endNanos).max().orElse(t0);
      long failed = answers.stream().filter(a -> a.status() != 200).count();
      long cold = answers.stream().filter(Api.Invoked::cold).count();
      Figure f = Figure.of("burst", LARGE + " concurrent cold starts: all answered", "ms",
          Stats.of((end - t0) / 1e6)).withNote(cold + " sandboxes started"
              + (failed > 0 ? ", " + failed + " invocations did not answer 200" : ""));
      run.add(f.withTarget("<= 5000 ms", f.outlet().median() <= 5000));
    }
  }
}
