import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Burst: N (200) concurrent invocations of a function with no warm sandbox (a new function each
 * repetition): time until all are answered, sandboxes started (REPORTs with Init Duration), and
 * the per-invocation latency.
 */
final class Burst {
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
      Thread.sleep(500);
    }
    String label = "burst of " + size;
    Figure f = Figure.of("burst", label + ": all answered", "ms", Stats.of(all));
    f = f.withTarget("<= 1000 ms", f.outlet().median() <= 1000);
    if (failed > 0) {
      f = f.withNote(failed + " invocations did not answer 200");
    }
    run.add(f);
    run.add(Figure.of("burst", label + ": sandboxes started", "count", Stats.of(started)));
    run.add(Figure.of("burst", label + ": per-invoke latency", "ms", Stats.of(latency)));
  }
}
