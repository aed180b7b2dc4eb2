import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run --jfr}: a JFR recording of Outlet under a scenario's load (the warm load at one
 * and at 64 connections, the Event invokes at 16), an extra wrk run each so that the measured runs
 * are not disturbed, summarised as the hottest frames.
 */
final class Profile {
  private Profile() {}

  static void record(Run run, String url, Path body, int connections) throws Exception {
    record(run, "warm", url, body, connections, null);
  }

  /**
   * Records {@code scenario}'s load: wrk at {@code connections} for 20 s, with {@code
   * X-Amz-Invocation-Type: invocationType} when not null. The summary is {@code
   * <results>-jfr-c<N>.txt} for the warm scenario, {@code <results>-jfr-<scenario>-c<N>.txt} else.
   */
  static void record(Run run, String scenario, String url, Path body, int connections,
      String invocationType) throws Exception {
    Env env = run.env;
    String pid = Long.toString(run.main.pid());
    String tag = (scenario.equals("warm") ? "" : scenario + "-") + "c" + connections;
    Path jfr = env.work().resolve(scenario + "-c" + connections + ".jfr");
    Procs.run(List.of(env.jdkTool("jcmd").toString(), pid, "JFR.start", "name=bench",
        "settings=profile", "filename=" + jfr), 60);
    Wrk.run(env, url, connections, 20, body, invocationType);
    Procs.run(List.of(env.jdkTool("jcmd").toString(), pid, "JFR.stop", "name=bench"), 60);
    String printed = Procs.run(List.of(env.jdkTool("jfr").toString(), "print", "--stack-depth", "64", "--events",
        "jdk.ExecutionSample", jfr.toString()), 300);
    Map<String, Integer> leaf = new HashMap<>();
    Map<String, Integer> any = new HashMap<>();
    boolean inStack = false;
    boolean first = false;
    int samples = 0;
    for (String line : printed.split("\n")) {
      String t = line.trim();
      if (t.startsWith("stackTrace = [")) {
        inStack = true;
        first = true;
        samples++;
      } else if (inStack && t.startsWith("]")) {
        inStack = false;
      } else if (inStack && !t.equals("...")) {
        String frame = t.replaceFirst("^at ", "").replaceAll("\\s+line:.*", "");
        any.merge(frame, 1, Integer::sum);
        if (first) {
          leaf.merge(frame, 1, Integer::sum);
          first = false;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("JFR of Outlet under " + scenario + ": wrk -c" + connections + " 100 B"
            + (invocationType == null ? "" : " " + invocationType) + " for 20 s: ")
        .append(samples)
        .append(" execution samples\n\nTop leaf frames (self time):\n");
    top(leaf, 30, samples, out);
    out.append("\nTop frames anywhere on the stack (inclusive):\n");
    top(any, 60, samples, out);
    Path report = env.results().resolveSibling(
        env.results().getFileName().toString().replace(".json", "-jfr-" + tag + ".txt"));
    Files.writeString(report, out);
    Files.copy(jfr, env.root().resolve("bench/.cache/" + scenario + "-c" + connections + ".jfr"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    run.fact("jfr_summary_" + tag, env.root().relativize(report));
    Run.log("JFR summary in %s", report);
  }

  private static void top(Map<String, Integer> counts, int n, int samples, StringBuilder out) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> out.append(String.format("%6d %5.1f%%  %s%n", e.getValue(),
            100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
  }
}
