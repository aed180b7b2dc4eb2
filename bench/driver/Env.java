import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What bench/run hands the driver (environment variables), and the repetitions of the mode.
 * Immutable.
 */
record Env(
    Path root,
    Path bin,
    Path java,
    Path jar,
    Path work,
    Path pidFile,
    Path results,
    String gitSha,
    boolean full,
    boolean jfr,
    Plan plan) {

  /** How many times, how long: quick mode takes about 10 minutes; full mode is the issue's. */
  record Plan(
      int warmReps,
      int warmSeconds,
      int warmupSeconds,
      int jitWarmupSeconds,
      int coldReps,
      int burstReps,
      int burstSize,
      int upload5Reps,
      int upload45Reps,
      int listFunctions,
      int listReps,
      int startupReps,
      int logsReps,
      int logsSeconds,
      int logLines,
      int density,
      boolean java) {
    static final Plan QUICK = new Plan(3, 1, 1, 20, 10, 2, 200, 3, 2, 100, 5, 3, 1, 3, 10_000, 0, false);
    static final Plan FULL =
        new Plan(3, 10, 2, 25, 40, 3, 200, 10, 5, 1000, 10, 5, 3, 10, 10_000, 1000, true);
  }

  static Env fromEnvironment() {
    boolean full = "full".equals(System.getenv("BENCH_MODE"));
    return new Env(
        path("BENCH_ROOT"),
        path("BENCH_BIN"),
        path("BENCH_JAVA"),
        path("BENCH_JAR"),
        path("BENCH_WORK"),
        path("BENCH_PIDFILE"),
        path("BENCH_RESULTS"),
        System.getenv().getOrDefault("BENCH_GIT_SHA", "unknown"),
        full,
        "1".equals(System.getenv("BENCH_JFR")),
        full ? Plan.FULL : Plan.QUICK);
  }

  private static Path path(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalStateException(name + " is not set: run the driver through bench/run");
    }
    return Path.of(v);
  }

  /** Records a process bench/run's exit trap must stop if the driver cannot. */
  void track(long pid) {
    try {
      Files.writeString(
          pidFile, pid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Path tool(String name) {
    return bin.resolve(name);
  }

  Path jdkTool(String name) {
    return java.getParent().resolve(name);
  }
}
