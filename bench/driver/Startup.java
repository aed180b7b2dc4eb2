import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Startup with the launcher's JVM flags and a class-data cache made by a first run that is not
 * measured (the AOT cache on JDK 25+, a CDS archive before, as {@code ./outlet} makes them: see
 * {@link ClassCache}): {@code serve} to its
 * ready line on an empty data folder, on the main instance's (every function the run created) and
 * on one with 1,000 functions; and {@code local invoke} of the Go echo function, spawn to exit.
 * Baseline: the same JVM and jar printing its version ({@code --version}), i.e. JVM start and
 * class loading without a server.
 */
final class Startup {
  private static final int MANY = 1000;

  private Startup() {}

  static void run(Run run, Path populated, int functions) throws Exception {
    Env env = run.env;
    int reps = env.plan().startupReps();
    List<Double> floor = new ArrayList<>();
    train(env, "--version", List.of("--version"));
    for (int i = 0; i < reps; i++) {
      floor.add(timed(env, "--version", List.of("--version")));
    }
    String floorName = "java -jar outlet.jar --version";
    measure(run, "empty", reps, i -> env.work().resolve("data-startup-" + i), floor, floorName);
    if (populated != null && functions < MANY) {
      measure(run, functions + " functions", reps, i -> populated, floor, floorName);
    }
    Path many = populated != null && functions >= MANY ? populated : manyFunctions(run);
    measure(run, Math.max(functions, MANY) + " functions", reps, i -> many, floor, floorName);

    Path payload = run.artifacts.payload100;
    Path zip = run.artifacts.dir.resolve("echo.zip");
    List<String> invoke = List.of("local", "invoke", "--zip", zip.toString(), "--event",
        payload.toString());
    train(env, "local", invoke);
    List<Double> wall = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      wall.add(timed(env, "local", invoke));
    }
    Figure f = Figure.against("startup", "local invoke, Go echo function: spawn to exit", "ms",
        Stats.of(wall), floorName, Stats.of(floor));
    run.add(f.withTarget("<= 700 ms", f.outlet().median() <= 700)
        .withNote("the function itself runs in ~10 ms; a temporary data folder, isolation on"));
  }

  /** A data folder with {@value #MANY} functions (tiny zips), made through CreateFunction. */
  private static Path manyFunctions(Run run) throws Exception {
    Path dir = run.env.work().resolve("data-startup-many");
    try (Outlet o = Outlet.start(run.env, dir);
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Double>> calls = new ArrayList<>();
      for (int i = 0; i < MANY; i++) {
        byte[] body = Api.createBody(String.format("startup-%04d", i), run.artifacts.tinyZip, 128,
            Map.of());
        calls.add(pool.submit(() -> o.api.create(body)));
      }
      for (Future<Double> c : calls) {
        c.get();
      }
    }
    return dir;
  }

  /** A first, unmeasured run of the command that makes its cache (as a user's first run does). */
  private static void train(Env env, String command, List<String> args) throws Exception {
    if (!ClassCache.ready(env, command)) {
      timed(env, command, args);
    }
  }

  /** Spawn to exit of {@code java <the launcher's flags> -jar outlet.jar args}, in ms. */
  private static double timed(Env env, String command, List<String> args) throws Exception {
    ClassCache.Use cache = ClassCache.use(env, command);
    List<String> cmd = new ArrayList<>(List.of(env.java().toString()));
    cmd.addAll(Outlet.launcherJvmOptions(env));
    cmd.addAll(cache.flags());
    cmd.addAll(List.of("-jar", env.jar().toString()));
    cmd.addAll(args);
    long t0 = System.nanoTime();
    Procs.run(cmd, 120);
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void measure(Run run, String label, int reps,
      java.util.function.IntFunction<Path> dir, List<Double> floor, String floorName)
      throws Exception {
    List<Double> wall = new ArrayList<>();
    List<Double> self = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      Files.createDirectories(dir.apply(i));
      try (Outlet o = Outlet.startCached(run.env, dir.apply(i))) {
        wall.add(o.readyWallMs);
        self.add((double) o.readySelfMs);
      }
    }
    Figure f = Figure.against("startup", "serve to ready line, " + label, "ms", Stats.of(wall),
        floorName, Stats.of(floor));
    run.add(f.withTarget("<= 500 ms", f.outlet().median() <= 500)
        .withNote("Outlet's own figure (after JVM start): median "
            + Table.num(Stats.of(self).median()) + " ms"));
  }
}
