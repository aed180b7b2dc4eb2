import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous invokes: wrk POSTs {@code Event} invocations (answered 202 once the event is
 * journaled) at 1 and 16 connections, against the synchronous invoke of the same function under
 * the same load in the same run. The events still run, in the background, after each measured
 * run; the next run waits a moment for the queue to drain. With {@code --jfr}, an extra run at 16
 * connections is recorded ({@link Profile}).
 */
final class Async {
  static final String FUNCTION = "async-echo";

  private Async() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
    api.invoke(FUNCTION, Run.SMALL, false);
    String url = api.invokeUrl(FUNCTION);
    int jit = env.plan().jitWarmupSeconds();
    Wrk.run(env, url, 8, jit / 2, run.artifacts.payload100, "Event");
    Wrk.run(env, url, 8, jit / 2, run.artifacts.payload100);
    for (int c : new int[] {1, 16}) {
      List<Wrk> events = new ArrayList<>();
      List<Wrk> sync = new ArrayList<>();
      for (int i = 0; i < env.plan().warmReps(); i++) {
        Thread.sleep(2_000); // the previous run's events drain
        events.add(Wrk.run(env, url, c, env.plan().warmSeconds(), run.artifacts.payload100,
            "Event"));
        Thread.sleep(2_000);
        sync.add(Wrk.run(env, url, c, env.plan().warmSeconds(), run.artifacts.payload100));
      }
      String name = "c=" + c + " 100 B Event";
      String base = "RequestResponse invoke, same load";
      Figure rate = Figure.against("async", name + " accepted/s", "1/s", Wrk.rates(events), base,
          Wrk.rates(sync));
      Figure lat = Figure.against("async", name + " latency", "us", Wrk.latency(events), base,
          Wrk.latency(sync));
      long failed = Wrk.failures(events);
      if (failed > 0) {
        rate = rate.withNote(failed + " requests failed or were not 2xx");
      }
      if (c == 1) {
        lat = lat.withTarget("p50 <= 1000 us", lat.outlet().median() <= 1000);
      } else {
        rate = rate.withTarget(">= 5000/s", rate.outlet().median() >= 5000);
      }
      run.add(rate);
      run.add(lat);
      if (c == 16 && env.jfr()) {
        Thread.sleep(2_000);
        Profile.record(run, "async", url, run.artifacts.payload100, c, "Event");
      }
    }
  }
}
