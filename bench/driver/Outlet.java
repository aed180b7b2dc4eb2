import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Outlet process started for the benchmark ({@code java -jar outlet.jar serve --port 0}), with
 * what its start-up printed, with the class-data cache {@code ./outlet serve} uses ({@link
 * ClassCache}). Its output goes to {@code <data>.log}. {@link #close} stops it with SIGTERM (then
 * SIGKILL after 60 s). Not thread-safe to close twice concurrently.
 */
final class Outlet implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("Outlet ready at (\\S+) \\(data .*, (\\d+) functions, (\\d+) ms\\)");

  final Process process;
  final String endpoint;
  final Path dataDir;
  final Path log;
  final String isolation;
  /** Wall time from spawning the JVM to reading its ready line. */
  final double readyWallMs;
  /** What Outlet itself reports (from OutletServer.start to ready), excludes JVM start. */
  final long readySelfMs;

  final Api api;

  private Outlet(
      Process process, String endpoint, Path dataDir, Path log, String isolation, double wallMs,
      long selfMs) {
    this.process = process;
    this.endpoint = endpoint;
    this.dataDir = dataDir;
    this.log = log;
    this.isolation = isolation;
    this.readyWallMs = wallMs;
    this.readySelfMs = selfMs;
    this.api = new Api(endpoint);
  }

  /**
   * The JVM options {@code ./outlet} gives Outlet on this JDK, so that the benchmark measures what
   * users run: reflection through native accessors (no method handles spun at startup); on JDK
   * 24+, Netty's use of {@code sun.misc.Unsafe} allowed (without it Netty reads and writes its
   * direct buffers through bounds-checked {@code ByteBuffer} calls).
   */
  static List<String> launcherJvmOptions(Env env) {
    String reflection = "-Djdk.reflect.useNativeAccessorOnly=true";
    return ClassCache.javaMajor(env) >= 24
        ? List.of("--sun-misc-unsafe-memory-access=allow", reflection)
        : List.of(reflection);
  }

  /**
   * Starts Outlet for a scenario that measures it serving: without a class-data cache (which only
   * changes how fast it starts), so that no instance measured is a cache's training run (a
   * training JVM records as it runs).
   */
  static Outlet start(Env env, Path dataDir, String... extra) throws IOException {
    return launch(env, false, dataDir, extra);
  }

  /**
   * Starts Outlet as a user's every run after the first does: from the class-data cache of {@code
   * serve}, which a first, unmeasured start on a folder of its own trains when it is missing.
   */
  static Outlet startCached(Env env, Path dataDir) throws IOException, InterruptedException {
    if (!ClassCache.ready(env, "serve")) {
      launch(env, true, env.work().resolve("data-cache-training")).close(); // writes it at exit
    }
    return launch(env, true, dataDir);
  }

  private static Outlet launch(Env env, boolean cached, Path dataDir, String... extra)
      throws IOException {
    Files.createDirectories(dataDir);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    ClassCache.Use cache = cached ? ClassCache.use(env, "serve") : ClassCache.none(); // ./outlet
    List<String> cmd = new ArrayList<>(List.of(env.java().toString()));
    cmd.addAll(launcherJvmOptions(env));
    cmd.addAll(cache.flags());
    cmd.addAll(List.of("-jar", env.jar().toString(),
        "serve", "--port", "0", "--data-dir", dataDir.toString()));
    cmd.addAll(List.of(extra));
    // bench/run --outlet-args "...": options for every Outlet the run starts (A/B of a setting)
    String more = System.getenv().getOrDefault("BENCH_OUTLET_ARGS", "").trim();
    if (!more.isEmpty()) {
      cmd.addAll(List.of(more.split("\\s+")));
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    env.track(p.pid());
    CompletableFuture<String[]> ready = new CompletableFuture<>();
    String[] isolation = {"unknown"};
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
              new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!ready.isDone()) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
              ready.complete(new String[] {
                  m.group(1), m.group(3), Double.toString((System.nanoTime() - t0) / 1e6)});
            } else if (line.startsWith("isolation:")) {
              isolation[0] = line;
            }
          }
          out.println(line);
          out.flush();
        }
      } catch (IOException e) {
        // the process went away; handled below
      }
      ready.completeExceptionally(new IOException("Outlet exited before it was ready"));
    }, "outlet-output-" + p.pid());
    pump.setDaemon(true);
    pump.start();
    try {
      String[] r = ready.get(90, TimeUnit.SECONDS);
      return new Outlet(p, r[0], dataDir, log, isolation[0], Double.parseDouble(r[2]),
          Long.parseLong(r[1]));
    } catch (Exception e) {
      p.destroyForcibly();
      String tail = Files.exists(log) ? String.join("\n", lastLines(log, 30)) : "";
      throw new IOException("Outlet did not start (" + e + "); its output:\n" + tail, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Outlet's own resident memory, from /proc/PID/status. */
  long rssKb() throws IOException {
    return Procs.statusKb(pid(), "VmRSS");
  }

  /** Heap in use after a full GC, from {@code jcmd GC.run} then {@code GC.heap_info}. */
  long heapUsedAfterGcKb(Env env) throws IOException, InterruptedException {
    Procs.run(List.of(env.jdkTool("jcmd").toString(), Long.toString(pid()), "GC.run"), 60);
    Procs.run(List.of(env.jdkTool("jcmd").toString(), Long.toString(pid()), "GC.run"), 60);
    String info = Procs.run(
        List.of(env.jdkTool("jcmd").toString(), Long.toString(pid()), "GC.heap_info"), 60);
    Matcher m = Pattern.compile("total (?:reserved )?\\d+K, (?:committed \\d+K, )?used (\\d+)K")
        .matcher(info);
    if (!m.find()) {
      throw new IOException("cannot read heap use from jcmd GC.heap_info:\n" + info);
    }
    return Long.parseLong(m.group(1));
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    // SIGTERM through the handle: Process.destroy() also closes this side of the output pipe, and
    // a JVM training its AOT cache writes to that pipe as it assembles the cache in a child JVM,
    // which a broken pipe then killed (the cache never made, every start training again)
    process.toHandle().destroy();
    try {
      // a JVM that makes its class-data cache writes it as it exits: a few seconds more
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static List<String> lastLines(Path file, int n) {
    try {
      List<String> all = Files.readAllLines(file);
      return all.subList(Math.max(0, all.size() - n), all.size());
    } catch (IOException e) {
      return List.of();
    }
  }
}
