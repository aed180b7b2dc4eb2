import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * bench/run's driver: runs every scenario against fresh Outlet instances, prints the table and
 * writes the results JSON. Run it through bench/run, which builds what it needs and passes the
 * paths in environment variables ({@link Env}). A multi-file source program: {@code java
 * bench/driver/Bench.java} (JDK 22+) compiles this folder in memory.
 *
 * <p>A scenario that fails is reported (stderr, the JSON's {@code errors}) and the others still
 * run; the exit status is then 1.
 */
public final class Bench {
  private Bench() {}

  interface Scenario {
    void run(Run run) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Env env = Env.fromEnvironment();
    Map<String, String> machine = Machine.describe(env);
    String loadStart = Machine.loadAverage();
    Run.log("mode %s, load average %s", env.full() ? "full" : "quick", loadStart);
    Run run = new Run(env, new Artifacts(env));
    String jarNote = System.getenv().getOrDefault("BENCH_JAR_NOTE", "");
    if (!jarNote.isEmpty()) {
      run.fact("jar", jarNote);
    }
    if (!System.getenv().getOrDefault("BENCH_ONLY", "").isEmpty()) {
      run.fact("only", System.getenv("BENCH_ONLY"));
    }
    List<String> errors = run.errors;
    int listed = 0;
    Path mainData = env.work().resolve("data-main");
    try (Outlet main = Outlet.start(env, mainData, "--keep-warm", "PT30M")) {
      run.main = main;
      run.fact("isolation", main.isolation);
      scenario(run, errors, "warm", Warm::run);
      scenario(run, errors, "async", Async::run);
      scenario(run, errors, "sqs", SqsBench::run);
      scenario(run, errors, "mapping", MappingBench::run);
      scenario(run, errors, "gateway", Gateway::run);
      scenario(run, errors, "cold", Cold::run);
      scenario(run, errors, "runtimes", Managed::run);
      scenario(run, errors, "burst", Burst::run);
      scenario(run, errors, "logs", Logs::run);
      scenario(run, errors, "control", ControlPlane::run);
      scenario(run, errors, "cluster", Nodes::run);
      scenario(run, errors, "images", Images::run);
      if (env.plan().java()) {
        scenario(run, errors, "java", JavaFn::run);
      }
      listed = Integer.parseInt(run.facts.getOrDefault("functions_listed", "0"));
    }
    run.main = null;
    scenario(run, errors, "console", ConsoleBench::run);
    if (env.plan().density() > 0) {
      scenario(run, errors, "density", Density::run);
    }
    int functions = listed;
    scenario(run, errors, "startup", r -> Startup.run(r, functions > 0 ? mainData : null,
        functions));
    String loadEnd = Machine.loadAverage();

    String table = Table.render(run.figures);
    System.out.println();
    System.out.println("Outlet " + machine.get("outlet_version") + " @ " + env.gitSha() + ", "
        + machine.get("jdk") + "; " + machine.get("nproc") + " cores " + machine.get("cpu")
        + ", " + machine.get("memory") + ", kernel " + machine.get("kernel"));
    System.out.println("mode " + (env.full() ? "full" : "quick") + ", load average at start "
        + loadStart + ", at end " + loadEnd + "; " + run.facts.get("isolation"));
    if (!jarNote.isEmpty()) {
      System.out.println("WARNING: " + jarNote);
    }
    System.out.println();
    System.out.print(table);
    write(env, machine, loadStart, loadEnd, run, errors);
    System.out.println();
    System.out.println("results: " + env.root().relativize(env.results()));
    if (!errors.isEmpty()) {
      System.out.println("FAILED scenarios: " + String.join("; ", errors));
      System.exit(1);
    }
  }

  private static void scenario(Run run, List<String> errors, String name, Scenario s) {
    String only = System.getenv().getOrDefault("BENCH_ONLY", "");
    if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
      return;
    }
    Run.log("scenario %s", name);
    try {
      s.run(run);
    } catch (Exception | AssertionError e) {
      Run.log("scenario %s FAILED: %s", name, e);
      e.printStackTrace();
      errors.add(name + ": " + e);
    }
  }

  private static void write(Env env, Map<String, String> machine, String loadStart,
      String loadEnd, Run run, List<String> errors) throws IOException {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"date\": ").append(Json.str(Instant.now().toString())).append(",\n");
    b.append("  \"git_sha\": ").append(Json.str(env.gitSha())).append(",\n");
    b.append("  \"mode\": ").append(Json.str(env.full() ? "full" : "quick")).append(",\n");
    b.append("  \"load_average_start\": ").append(Json.str(loadStart)).append(",\n");
    b.append("  \"load_average_end\": ").append(Json.str(loadEnd)).append(",\n");
    b.append("  \"machine\": {").append(machine.entrySet().stream()
        .map(e -> Json.str(e.getKey()) + ": " + Json.str(e.getValue()))
        .collect(Collectors.joining(", "))).append("},\n");
    b.append("  \"facts\": {").append(run.facts.entrySet().stream()
        .map(e -> Json.str(e.getKey()) + ": " + Json.str(e.getValue()))
        .collect(Collectors.joining(", "))).append("},\n");
    b.append("  \"notes\": ").append(Json.str(
        "stats: min/median/p99 (nearest rank; with fewer than 100 samples p99 is the max)."
            + " Rates are per repetition; wrk latencies are wrk's own percentiles (median over"
            + " repetitions). ratio = Outlet median / baseline median.")).append(",\n");
    b.append("  \"errors\": [").append(errors.stream().map(Json::str)
        .collect(Collectors.joining(", "))).append("],\n");
    b.append("  \"figures\": [\n    ").append(run.figures.stream().map(Figure::json)
        .collect(Collectors.joining(",\n    "))).append("\n  ]\n}\n");
    Files.createDirectories(env.results().getParent());
    Files.writeString(env.results(), b);
  }
}
