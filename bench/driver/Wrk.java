import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One wrk run (one thread, POST of a body file through bench/lua/post.lua) and its summary. */
record Wrk(long requests, double seconds, long errors, long non2xx, double minUs, double p50Us,
    double p99Us, double maxUs) {

  double rate() {
    return requests / seconds;
  }

  static Wrk run(Env env, String url, int connections, int seconds, Path body)
      throws IOException, InterruptedException {
    return run(env, url, connections, seconds, body, null);
  }

  /** As {@link #run}, with {@code X-Amz-Invocation-Type: invocationType} when not null. */
  static Wrk run(Env env, String url, int connections, int seconds, Path body,
      String invocationType) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        "wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "30s",
        "-s", env.root().resolve("bench/lua/post.lua").toString(), url));
    Map<String, String> vars = invocationType == null
        ? Map.of("BENCH_BODY", body.toString())
        : Map.of("BENCH_BODY", body.toString(), "BENCH_INVOCATION_TYPE", invocationType);
    String out = Procs.run(cmd, seconds + 120, vars);
    int at = out.indexOf("BENCH_RESULT ");
    if (at < 0) {
      throw new IOException("wrk printed no result:\n" + out);
    }
    String json = Procs.firstLine(out.substring(at + "BENCH_RESULT ".length()));
    return new Wrk(
        (long) Json.number(json, "requests"),
        Json.number(json, "duration_us") / 1e6,
        (long) Json.number(json, "errors"),
        (long) Json.number(json, "non2xx"),
        Json.number(json, "min_us"),
        Json.number(json, "p50_us"),
        Json.number(json, "p99_us"),
        Json.number(json, "max_us"));
  }

  /** Several runs: invokes/s across runs, and latency as the runs' median p50 and p99. */
  static Stats rates(List<Wrk> runs) {
    return Stats.of(runs.stream().map(Wrk::rate).toList());
  }

  static Stats latency(List<Wrk> runs) {
    return Stats.ofDistribution(
        runs.stream().mapToLong(Wrk::requests).sum(),
        runs.stream().mapToDouble(Wrk::minUs).min().orElse(Double.NaN),
        Stats.of(runs.stream().map(Wrk::p50Us).toList()).median(),
        Stats.of(runs.stream().map(Wrk::p99Us).toList()).median(),
        runs.stream().mapToDouble(Wrk::maxUs).max().orElse(Double.NaN));
  }

  static long failures(List<Wrk> runs) {
    return runs.stream().mapToLong(w -> w.errors() + w.non2xx()).sum();
  }
}
