import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Logs: a function printing 10,000 lines per invocation, invoked back to back for a while, and
 * meanwhile a one-connection wrk load of small invokes on the echo function. Figures: the lines
 * stored per second (counted in DATA/logs.db by their ingestion time), and the small invokes'
 * latency against a run of the same wrk load without the flood.
 */
final class Logs {
  static final String FUNCTION = "logs";
  private static final String GROUP = "/aws/lambda/" + FUNCTION;

  private Logs() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    int lines = env.plan().logLines();
    int seconds = env.plan().logsSeconds();
    Path db = run.main.dataDir.resolve("logs.db");
    api.create(FUNCTION, run.artifacts.echoZip, Run.MEMORY_MB,
        Map.of("LOG_LINES", Integer.toString(lines)));
    api.invoke(FUNCTION, Run.SMALL, false);
    settle(db, 0, lines, 30_000);
    String echo = api.invokeUrl(Warm.FUNCTION);
    Path body = run.artifacts.payload100;

    List<Double> stored = new ArrayList<>();
    List<Double> emitted = new ArrayList<>();
    List<Double> droppedShare = new ArrayList<>();
    List<Wrk> quiet = new ArrayList<>();
    List<Wrk> loud = new ArrayList<>();
    long dropped = 0;
    int floods = 0;
    for (int r = 0; r < env.plan().logsReps(); r++) {
      quiet.add(Wrk.run(env, echo, 1, seconds, body));
      long t0 = System.currentTimeMillis();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger invoked = new AtomicInteger();
      Thread flood = Thread.ofPlatform().name("flood").start(() -> {
        while (!stop.get()) {
          try {
            api.invoke(FUNCTION, Run.SMALL, false);
            invoked.incrementAndGet();
          } catch (Exception e) {
            Run.log("flood invoke failed: %s", e);
            return;
          }
        }
      });
      loud.add(Wrk.run(env, echo, 1, seconds, body));
      stop.set(true);
      flood.join();
      double floodSeconds = (System.currentTimeMillis() - t0) / 1000.0;
      floods += invoked.get();
      long[] s = settle(db, t0, (long) invoked.get() * lines, 120_000);
      double span = Math.max(1, s[1] - t0) / 1000.0;
      stored.add(s[0] / span);
      long lost = droppedSince(db, t0);
      dropped += lost;
      long produced = (long) invoked.get() * lines;
      emitted.add(produced / floodSeconds);
      droppedShare.add(produced == 0 ? 0 : 100.0 * lost / produced);
      run.fact("logs_rep" + r, "%d invocations, %d lines stored in %.2f s".formatted(
          invoked.get(), s[0], span));
    }
    Figure f = Figure.of("logs", lines + " lines/invoke: lines stored/s", "1/s", Stats.of(stored))
        .withNote(floods + " flood invocations; " + dropped + " lines dropped");
    run.add(f);
    run.add(Figure.of("logs", lines + " lines/invoke: lines printed/s", "1/s", Stats.of(emitted))
        .withNote("what the flood function printed while it ran"));
    run.add(Figure.of("logs", lines + " lines/invoke: lines dropped", "%", Stats.of(droppedShare))
        .withNote("announced by Outlet's '[outlet] N log lines dropped' notices"));
    run.add(Figure.against("logs", "small invoke during flood, c=1", "us", Wrk.latency(loud),
        "same load without the flood", Wrk.latency(quiet)));
    run.add(Figure.against("logs", "small invokes/s during flood, c=1", "1/s", Wrk.rates(loud),
        "same load without the flood", Wrk.rates(quiet)));
  }

  /**
   * Waits until the function's lines ingested since {@code sinceMs} reach {@code expected} or stop
   * growing for 3 s; returns {count, last ingestion time ms}.
   */
  private static long[] settle(Path db, long sinceMs, long expected, long timeoutMs)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    long last = -1;
    long lastChange = System.currentTimeMillis();
    long[] now = {0, sinceMs};
    while (System.currentTimeMillis() < deadline) {
      String out = sql(db, "SELECT count(*), coalesce(max(ingestion_time), 0) FROM log_events"
          + " WHERE group_id = (SELECT id FROM log_groups WHERE name = '" + GROUP + "')"
          + " AND ingestion_time >= " + sinceMs
          + " AND message LIKE 'log line %'");
      String[] parts = out.trim().split("\\|");
      now = new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
      if (now[0] >= expected) {
        return now;
      }
      if (now[0] != last) {
        last = now[0];
        lastChange = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - lastChange > 3000) {
        return now;
      }
      Thread.sleep(100);
    }
    return now;
  }

  private static long droppedSince(Path db, long sinceMs) throws Exception {
    String out = sql(db, "SELECT message FROM log_events WHERE group_id = (SELECT id FROM"
        + " log_groups WHERE name = '" + GROUP + "') AND ingestion_time >= " + sinceMs + " AND message LIKE '[outlet] % log lines dropped%'");
    long n = 0;
    for (String line : out.split("\n")) {
      var m = java.util.regex.Pattern.compile("\\[outlet\\] (\\d+) log lines dropped").matcher(line);
      if (m.find()) {
        n += Long.parseLong(m.group(1));
      }
    }
    return n;
  }

  private static String sql(Path db, String query) throws Exception {
    return Procs.run(List.of("sqlite3", "-cmd", ".timeout 10000", db.toString(), query), 60);
  }
}
