import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start: Invoke request to response for a version with no warm sandbox, forced by an
 * UpdateFunctionConfiguration (a new environment variable) before each invoke, on the main
 * (isolated) instance, on a second one started with --no-isolation and on a third with
 * --sandbox-network host (isolated, but on the host's network). Baseline: bench/floor's
 * coldexec, the bare exec of the same binary until its first GET /next reaches a stub listener.
 */
final class Cold {
  static final String FUNCTION = "cold";

  private Cold() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    int n = env.plan().coldReps();
    Stats floor = Stats.of(Floor.coldExec(env, Math.max(n, 20)));
    String floorName = "bare exec -> first GET /next (coldexec)";
    run.add(Figure.of("cold", "bare exec floor", "ms", floor));

    Stats on = measure(run, run.main, "isolation on", floor, floorName);
    Stats off;
    try (Outlet plain =
        Outlet.start(env, env.work().resolve("data-no-isolation"), "--no-isolation")) {
      run.fact("isolation_off_instance", plain.isolation);
      off = measure(run, plain, "isolation off", floor, floorName);
    }
    Stats shared;
    try (Outlet hostNet =
        Outlet.start(
            env, env.work().resolve("data-host-network"), "--sandbox-network", "host")) {
      shared = measure(run, hostNet, "isolation on, host's network", floor, floorName);
    }
    // issue 14: what a network of its own adds (the main instance's default) in the same run
    double network = on.median() - shared.median();
    run.add(
        Figure.against("cold", "own network's cost: on - host's network, invoke to response",
                "ms", Stats.of(network), "isolation on, host's network", shared)
            .withTarget("< 5 ms", network < 5));
    // issue 3's target: what isolation adds to a cold start, on against off in the same run
    double added = on.median() - off.median();
    run.add(
        Figure.against("cold", "isolation's cost: on - off, invoke to response", "ms",
                Stats.of(added), "isolation off", off)
            .withTarget("< 5 ms", added < 5));
  }

  /** Returns the invoke-to-response figures. */
  private static Stats measure(Run run, Outlet outlet, String label, Stats floor, String floorName)
      throws Exception {
    Api api = outlet.api;
    api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
    api.invoke(FUNCTION, Run.SMALL, false); // page cache, JIT of the cold path
    List<Double> total = new ArrayList<>();
    List<Double> init = new ArrayList<>();
    int warm = 0;
    for (int i = 0; i < run.env.plan().coldReps(); i++) {
      api.updateEnvironment(FUNCTION, Map.of("BENCH_COLD", Integer.toString(i)));
      Thread.sleep(100); // let the retired sandbox's teardown finish: measure the start alone
      Api.Invoked r = api.invoke(FUNCTION, Run.SMALL, true);
      if (!r.cold()) {
        warm++;
        continue;
      }
      total.add(r.millis());
      init.add(r.initMillis());
    }
    Figure f = Figure.against("cold", label + ": invoke to response", "ms", Stats.of(total),
        floorName, floor);
    f = f.withTarget("median <= floor + 5 ms",
        f.outlet().median() <= floor.median() + 5);
    if (warm > 0) {
      f = f.withNote(warm + " invokes after an update were served warm and are not counted");
    }
    run.add(f);
    run.add(Figure.of("cold", label + ": REPORT Init Duration", "ms", Stats.of(init)));
    return Stats.of(total);
  }
}
