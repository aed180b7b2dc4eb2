import java.util.ArrayList;
import java.util.List;

/**
 * Startup: spawning {@code java -jar outlet.jar serve} to its ready line (with the class data
 * sharing archive {@code ./outlet} uses, written by the first start), on an empty data folder
 * and on the main instance's (every function the run created). Baseline: the same JVM and jar
 * printing its version ({@code --version}), i.e. JVM start and class loading without a server.
 */
final class Startup {
  private Startup() {}

  static void run(Run run, java.nio.file.Path populated, int functions) throws Exception {
    Env env = run.env;
    int reps = env.plan().startupReps();
    List<Double> floor = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      Procs.run(List.of(env.java().toString(),
          "-XX:SharedArchiveFile=" + env.work().resolve("version.jsa"),
          "-XX:+AutoCreateSharedArchive", "-jar", env.jar().toString(), "--version"), 60);
      floor.add((System.nanoTime() - t0) / 1e6);
    }
    String floorName = "java -jar outlet.jar --version";
    measure(run, "empty", reps, i -> env.work().resolve("data-startup-" + i), floor, floorName);
    if (populated != null) {
      measure(run, functions + " functions", reps, i -> populated, floor, floorName);
    }
  }

  private static void measure(Run run, String label, int reps,
      java.util.function.IntFunction<java.nio.file.Path> dir, List<Double> floor, String floorName)
      throws Exception {
    List<Double> wall = new ArrayList<>();
    List<Double> self = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      try (Outlet o = Outlet.start(run.env, dir.apply(i))) {
        wall.add(o.readyWallMs);
        self.add((double) o.readySelfMs);
      }
    }
    Figure f = Figure.against("startup", "serve to ready line, " + label, "ms", Stats.of(wall),
        floorName, Stats.of(floor));
    run.add(f.withTarget("<= 1500 ms", f.outlet().median() <= 1500)
        .withNote("Outlet's own figure (after JVM start): median "
            + Table.num(Stats.of(self).median()) + " ms"));
  }
}
