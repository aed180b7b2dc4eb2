import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warm invoke: wrk POSTs to Invoke at 1, 8 and 64 connections, 100 B and 64 KB payloads, against
 * the floor: the Go std-lib echo server under the same wrk load (one HTTP exchange). A short wrk
 * run at the same connection count first brings up and warms that many sandboxes.
 */
final class Warm {
  static final String FUNCTION = "echo";

  private Warm() {}

  private static double perRequestUs(long ticks, Wrk w) {
    return ticks * Cpu.TICK_MS * 1000 / Math.max(1, w.requests());
  }

  /** Outlet's busiest threads during one run, in CPU microseconds per invoke. */
  static String threadsPerInvoke(Map<String, Long> before, Map<String, Long> after,
      Wrk w) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .map(e -> e.getKey() + " " + Table.num(perRequestUs(e.getValue(), w)))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
    api.invoke(FUNCTION, Run.SMALL, false);
    String url = api.invokeUrl(FUNCTION);
    // Outlet's JIT compiles the invoke path under load (C2 alone takes hundreds of microseconds
    // of CPU per invoke at first): warm both payload sizes before the first measured run.
    int jit = env.plan().jitWarmupSeconds();
    Wrk.run(env, url, 8, jit - jit * 2 / 5, run.artifacts.payload100);
    Wrk.run(env, url, 8, jit * 2 / 5, run.artifacts.payload64k);
    try (Floor.EchoServer floor = new Floor.EchoServer(env)) {
      for (Path body : List.of(run.artifacts.payload100, run.artifacts.payload64k)) {
        String size = body == run.artifacts.payload100 ? "100 B" : "64 KB";
        for (int c : new int[] {1, 8, 64}) {
          Wrk.run(env, url, c, env.plan().warmupSeconds(), body);
          List<Wrk> outlet = new ArrayList<>();
          List<Wrk> base = new ArrayList<>();
          List<Double> outletCpu = new ArrayList<>();
          List<Double> functionCpu = new ArrayList<>();
          List<Double> floorCpu = new ArrayList<>();
          List<Long> functions = Procs.descendants(run.main.pid());
          for (int i = 0; i < env.plan().warmReps(); i++) {
            Map<String, Long> threads0 = Cpu.threads(run.main.pid());
            long o0 = Cpu.ticks(run.main.pid());
            long f0 = Cpu.ticks(functions);
            Wrk w = Wrk.run(env, url, c, env.plan().warmSeconds(), body);
            outletCpu.add(perRequestUs(Cpu.ticks(run.main.pid()) - o0, w));
            functionCpu.add(perRequestUs(Cpu.ticks(functions) - f0, w));
            outlet.add(w);
            if (i == env.plan().warmReps() - 1 && c == 1) {
              run.fact("outlet_threads_cpu_us_per_invoke_c1_" + size.replace(" ", ""),
                  threadsPerInvoke(threads0, Cpu.threads(run.main.pid()), w));
            }
            long b0 = Cpu.ticks(floor.process.pid());
            Wrk b = Wrk.run(env, floor.base + "/", c, env.plan().warmSeconds(), body);
            floorCpu.add(perRequestUs(Cpu.ticks(floor.process.pid()) - b0, b));
            base.add(b);
          }
          String name = "c=" + c + " " + size;
          String floorName = "Go echo server, same wrk load";
          Figure rate = Figure.against("warm", name + " invokes/s", "1/s", Wrk.rates(outlet),
              floorName, Wrk.rates(base));
          Figure lat = Figure.against("warm", name + " latency", "us", Wrk.latency(outlet),
              floorName, Wrk.latency(base));
          long failed = Wrk.failures(outlet);
          if (failed > 0) {
            rate = rate.withNote(failed + " requests failed or were not 2xx");
          }
          if (c == 1 && size.equals("100 B")) {
            rate = rate.withTarget(">= 4000/s", rate.outlet().median() >= 4000);
            lat = lat.withTarget("p50 <= 250 us", lat.outlet().median() <= 250);
          }
          if (c == 64 && size.equals("100 B")) {
            rate = rate.withTarget(">= 10000/s", rate.outlet().median() >= 10_000);
          }
          run.add(rate);
          run.add(lat);
          if (size.equals("100 B")) {
            run.add(Figure.against("warm", name + " Outlet CPU per invoke", "us",
                Stats.of(outletCpu), "Go echo server CPU per request", Stats.of(floorCpu)));
            run.add(Figure.of("warm", name + " function CPU per invoke", "us",
                Stats.of(functionCpu)).withNote("the Go runtime(s) and their isolation wrappers"));
          }
          if ((c == 1 || c == 64) && size.equals("100 B") && env.jfr()) {
            Profile.record(run, url, body, c);
          }
        }
      }
    }
  }
}
