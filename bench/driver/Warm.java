import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warm invoke: wrk POSTs to Invoke at 1, 8 and 64 connections, 100 B and 64 KB payloads, and the
 * same function printing one log line per invoke (as most real functions do) at 1 and 64
 * connections, against the floor: the Go std-lib echo server under the same wrk load. An invoke
 * is three HTTP exchanges for Outlet (the client's, the runtime's {@code /next} and its {@code
 * /response}), so each figure's baseline is the floor of an invoke: the echo server's CPU per
 * request times three, its latency times three, its rate divided by three. A short wrk run at the
 * same connection count first brings up and warms that many sandboxes.
 *
 * <p>CPU is whole-process, from {@code /proc} ({@code utime + stime} of Outlet's JVM, every
 * thread: event loops, writers, GC, JIT), as an outside observer measures it.
 */
final class Warm {
  static final String FUNCTION = "echo";
  static final String LOGGING = "echo-log";
  /** The HTTP exchanges one invoke costs Outlet: the client's, /next, /response. */
  static final int EXCHANGES = 3;

  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final String FLOOR = "floor: Go echo server, 3 exchanges";

  private Warm() {}

  private static double perRequestUs(long ticks, Wrk w) {
    return ticks * Cpu.TICK_MS * 1000 / Math.max(1, w.requests());
  }

  /** Percent of the machine's CPU (all cores) that {@code ticks} were over the wrk run. */
  private static double sharePercent(long ticks, Wrk w) {
    return ticks * Cpu.TICK_MS / 1000 / (w.seconds() * CORES) * 100;
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
    api.create(LOGGING, run.artifacts.echoZip, Run.MEMORY_MB, Map.of("LOG_LINES", "1"));
    api.invoke(FUNCTION, Run.SMALL, false);
    api.invoke(LOGGING, Run.SMALL, false);
    String url = api.invokeUrl(FUNCTION);
    String logging = api.invokeUrl(LOGGING);
    // Outlet's JIT compiles the invoke path under load (C2 alone takes hundreds of microseconds
    // of CPU per invoke at first): warm both payload sizes and the logging path first.
    int jit = env.plan().jitWarmupSeconds();
    Wrk.run(env, url, 8, jit - jit * 2 / 5, run.artifacts.payload100);
    Wrk.run(env, url, 8, jit / 5, run.artifacts.payload64k);
    Wrk.run(env, logging, 8, jit / 5, run.artifacts.payload100);
    untilCompilerQuiet(run, "start", List.of(url, logging), 8, run.artifacts.payload100);
    try (Floor.EchoServer floor = new Floor.EchoServer(env)) {
      for (Path body : List.of(run.artifacts.payload100, run.artifacts.payload64k)) {
        String size = body == run.artifacts.payload100 ? "100 B" : "64 KB";
        for (int c : new int[] {1, 8, 64}) {
          measure(run, floor, url, "", c, size, body);
        }
      }
      for (int c : new int[] {1, 64}) {
        measure(run, floor, logging, "logging ", c, "100 B", run.artifacts.payload100);
      }
    }
  }

  /** Load on {@code urls}, 1 s each at {@code c} connections, until the JIT is quiet. */
  private static void untilCompilerQuiet(Run run, String step, List<String> urls, int c,
      Path body) throws Exception {
    Jit.untilQuiet(run, step, List.of(run.main.pid()), () -> {
      for (String u : urls) {
        Wrk.run(run.env, u, c, 1, body);
      }
    });
  }

  private static void measure(Run run, Floor.EchoServer floor, String url, String kind, int c,
      String size, Path body) throws Exception {
    Env env = run.env;
    Wrk.run(env, url, c, env.plan().warmupSeconds(), body);
    untilCompilerQuiet(run, kind + "c" + c + "_" + size.replace(" ", ""), List.of(url), c, body);
    List<Wrk> outlet = new ArrayList<>();
    List<Wrk> base = new ArrayList<>();
    List<Double> outletCpu = new ArrayList<>();
    List<Double> functionCpu = new ArrayList<>();
    List<Double> outletShare = new ArrayList<>();
    List<Double> functionShare = new ArrayList<>();
    List<Double> floorCpu = new ArrayList<>();
    List<Long> functions = Procs.descendants(run.main.pid());
    for (int i = 0; i < env.plan().warmReps(); i++) {
      Map<String, Long> threads0 = Cpu.threads(run.main.pid());
      long o0 = Cpu.ticks(run.main.pid());
      long f0 = Cpu.ticks(functions);
      Wrk w = Wrk.run(env, url, c, env.plan().warmSeconds(), body);
      long o = Cpu.ticks(run.main.pid()) - o0;
      long f = Cpu.ticks(functions) - f0;
      outletCpu.add(perRequestUs(o, w));
      functionCpu.add(perRequestUs(f, w));
      outletShare.add(sharePercent(o, w));
      functionShare.add(sharePercent(f, w));
      outlet.add(w);
      if (i == env.plan().warmReps() - 1) {
        run.fact("outlet_threads_cpu_us_per_invoke_c" + c + "_" + kind.trim()
                + size.replace(" ", ""),
            threadsPerInvoke(threads0, Cpu.threads(run.main.pid()), w));
      }
      long b0 = Cpu.ticks(floor.process.pid());
      Wrk b = Wrk.run(env, floor.base + "/", c, env.plan().warmSeconds(), body);
      floorCpu.add(perRequestUs(Cpu.ticks(floor.process.pid()) - b0, b));
      base.add(b);
    }
    String name = kind + "c=" + c + " " + size;
    Stats floorRate = Wrk.rates(base);
    Stats floorLatency = Wrk.latency(base);
    Stats floorExchangeCpu = Stats.of(floorCpu);
    Figure rate = Figure.against("warm", name + " invokes/s", "1/s", Wrk.rates(outlet), FLOOR,
            scaled(floorRate, 1.0 / EXCHANGES))
        .withNote("echo server: " + Table.num(floorRate.median()) + " exchanges/s");
    Figure lat = Figure.against("warm", name + " latency", "us", Wrk.latency(outlet), FLOOR,
            scaled(floorLatency, EXCHANGES))
        .withNote("echo server: " + Table.num(floorLatency.median()) + " us per exchange");
    long failed = Wrk.failures(outlet);
    if (failed > 0) {
      rate = rate.withNote(failed + " requests failed or were not 2xx");
    }
    if (kind.isEmpty() && c == 1 && size.equals("100 B")) {
      rate = rate.withTarget(">= 4000/s", rate.outlet().median() >= 4000);
      lat = lat.withTarget("p50 <= 250 us", lat.outlet().median() <= 250);
    }
    if (kind.isEmpty() && c == 64 && size.equals("100 B")) {
      rate = rate.withTarget(">= 10000/s", rate.outlet().median() >= 10_000);
    }
    run.add(rate);
    run.add(lat);
    if (size.equals("100 B")) {
      Figure cpu = Figure.against("warm", name + " Outlet CPU per invoke", "us",
          Stats.of(outletCpu), FLOOR, scaled(floorExchangeCpu, EXCHANGES))
          .withNote("whole process (/proc utime+stime); echo server: "
              + Table.num(floorExchangeCpu.median()) + " us per exchange");
      if (kind.isEmpty() && c == 1) {
        cpu = cpu.withTarget("<= 80 us", cpu.outlet().median() <= 80);
      }
      run.add(cpu);
      run.add(Figure.of("warm", name + " function CPU per invoke", "us",
          Stats.of(functionCpu)).withNote("the Go runtime(s) and their isolation wrappers"));
      if (c == 64) {
        Figure share = Figure.of("warm", name + " Outlet's share of the machine's CPU", "%",
            Stats.of(outletShare)).withNote(CORES + " cores; the function's share: median "
                + Table.num(Stats.of(functionShare).median()) + " %");
        if (kind.isEmpty()) {
          share = share.withTarget("<= 25 %", share.outlet().median() <= 25);
        }
        run.add(share);
        run.add(Figure.of("warm", name + " function's share of the machine's CPU", "%",
            Stats.of(functionShare)));
      }
    }
    if ((c == 1 || c == 64) && size.equals("100 B") && kind.isEmpty() && env.jfr()) {
      Profile.record(run, url, body, c);
    }
  }

  /** The floor of an invoke from the floor of one exchange: every figure times {@code k}. */
  private static Stats scaled(Stats s, double k) {
    return new Stats(s.n(), s.min() * k, s.median() * k, s.p99() * k, s.max() * k);
  }
}
