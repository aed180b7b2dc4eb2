import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP front: the same echo function through Invoke, a Function URL and an HTTP API (quick
 * create, payload 2.0), wrk at 1 and 64 connections, 100 B. The runs alternate per repetition, so
 * the baseline (Invoke) is measured under the same conditions. The target (issue 5): the gateway
 * adds at most 10 % to Invoke's latency.
 */
final class Gateway {
  static final String FUNCTION = "front";

  private Gateway() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
    api.invoke(FUNCTION, Run.SMALL, false);
    String invoke = api.invokeUrl(FUNCTION);
    String url = api.functionUrl(FUNCTION);
    String http = api.httpApi(FUNCTION);
    int jit = env.plan().jitWarmupSeconds();
    for (String u : List.of(url, http)) {
      Wrk.run(env, u, 8, Math.max(2, jit / 3), run.artifacts.payload100);
    }
    for (int c : new int[] {1, 64}) {
      for (String u : List.of(invoke, url, http)) {
        Wrk.run(env, u, c, env.plan().warmupSeconds(), run.artifacts.payload100);
      }
      List<Wrk> base = new ArrayList<>();
      List<Wrk> viaUrl = new ArrayList<>();
      List<Wrk> viaApi = new ArrayList<>();
      for (int i = 0; i < env.plan().warmReps(); i++) {
        base.add(Wrk.run(env, invoke, c, env.plan().warmSeconds(), run.artifacts.payload100));
        viaUrl.add(Wrk.run(env, url, c, env.plan().warmSeconds(), run.artifacts.payload100));
        viaApi.add(Wrk.run(env, http, c, env.plan().warmSeconds(), run.artifacts.payload100));
      }
      String baseName = "Invoke, same function, same wrk load";
      add(run, "Function URL", c, viaUrl, base, baseName);
      add(run, "HTTP API", c, viaApi, base, baseName);
    }
  }

  private static void add(Run run, String front, int c, List<Wrk> runs, List<Wrk> base,
      String baseName) {
    String name = front + " c=" + c + " 100 B";
    Figure lat = Figure.against("gateway", name + " latency", "us", Wrk.latency(runs), baseName,
        Wrk.latency(base));
    lat = lat.withTarget("p50 <= Invoke p50 + 10 %",
        lat.outlet().median() <= 1.10 * Wrk.latency(base).median());
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
