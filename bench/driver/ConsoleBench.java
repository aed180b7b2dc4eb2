import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The web console (issue 19), in headless Chromium driven over the DevTools protocol ({@link
 * Cdp}), on an Outlet of its own (so that its 1,000 functions change no other scenario's):
 *
 * <ul>
 *   <li>first paint with 1,000 functions: navigations to {@code /#/functions} (a fresh document
 *       each time, about:blank between), first-contentful-paint and the time the first {@code
 *       function-row} is in the DOM, against a static page of 50 such rows served by the JDK's
 *       file server on loopback (the Go floor server only echoes), alternated;
 *   <li>the cost of an open console to Invoke: wrk at one connection on a function that logs a
 *       line per invoke, (a) with no page open and (b) with its Logs tab live-tailing in one
 *       window and the dashboard (5 s refresh) in another, alternated a/b/a/b: Outlet's CPU per
 *       invoke ({@code /proc}, whole process) and invokes/s.
 * </ul>
 */
final class ConsoleBench {
  private static final int FUNCTIONS = 1000;
  private static final String LOGGING = "console-echo-log";
  private static final int BASELINE_ROWS = 50;
  private static final String ROW = "document.querySelector('[data-test=function-row]')";
  private static final String FCP =
      "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null";

  private ConsoleBench() {}

  /** Records when the first function row, and then {@code want} of them, entered the DOM. */
  private static String observer(int want) {
    return """
        (() => {
          window.__benchRow = null; window.__benchAll = null;
          const obs = new MutationObserver(() => {
            if (window.__benchRow == null && %s) window.__benchRow = performance.now();
            if (window.__benchRow != null && window.__benchAll == null
                && document.querySelectorAll('[data-test=function-row]').length >= %d) {
              window.__benchAll = performance.now(); obs.disconnect();
            }
          });
          obs.observe(document, { childList: true, subtree: true });
        })();""".formatted(ROW, want);
  }

  static void run(Run run) throws Exception {
    Env env = run.env;
    if (!Files.isExecutable(Cdp.CHROMIUM)) {
      throw new IllegalStateException(Cdp.CHROMIUM + " is missing: apt-get install chromium");
    }
    try (Outlet outlet = Outlet.start(env, env.work().resolve("data-console"),
        "--keep-warm", "PT30M")) {
      int listed = createFunctions(run, outlet.api);
      try (Cdp chromium = Cdp.start(env, env.work(), env.work().resolve("chromium.log"))) {
        Cdp.Tab tab = chromium.firstTab();
        tab.addScriptOnNewDocument(observer(listed));
        firstPaint(run, outlet, tab, listed);
        invokeCost(run, outlet, chromium, tab);
      }
    }
  }

  private static int createFunctions(Run run, Api api) throws Exception {
    List<Double> creates = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Double>> calls = new ArrayList<>();
      for (int i = 0; i < FUNCTIONS; i++) {
        byte[] body = Api.createBody(String.format("console-%04d", i), run.artifacts.tinyZip,
            128, Map.of());
        calls.add(pool.submit(() -> api.create(body)));
      }
      for (Future<Double> c : calls) {
        creates.add(c.get());
      }
    }
    int listed = api.listAll();
    run.fact("console_functions", listed + " (created 8 at a time, median "
        + Table.num(Stats.of(creates).median()) + " ms each)");
    return listed;
  }

  private static void firstPaint(Run run, Outlet outlet, Cdp.Tab tab, int listed)
      throws Exception {
    String console = outlet.endpoint + "/#/functions";
    String html = staticPage();
    Path dir = Files.createDirectories(run.env.work().resolve("console-static"));
    Files.writeString(dir.resolve("functions.html"), html);
    HttpServer server = SimpleFileServer.createFileServer(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dir,
        SimpleFileServer.OutputLevel.NONE);
    server.start();
    try {
      String page = "http://127.0.0.1:" + server.getAddress().getPort() + "/functions.html";
      int n = run.env.full() ? 30 : 10;
      Visits c = new Visits();
      Visits s = new Visits();
      List<Double> lists = new ArrayList<>();
      // one unmeasured visit first: the session cookie, the HTTP cache and V8's code cache
      visit(tab, console, new Visits(), true);
      visit(tab, page, new Visits(), false);
      for (int i = 0; i < n; i++) {
        visit(tab, console, c, true);
        visit(tab, page, s, false);
        long t0 = System.nanoTime();
        outlet.api.listAll();
        lists.add((System.nanoTime() - t0) / 1e6);
      }
      String base = "static page, " + BASELINE_ROWS + " rows, " + (html.length() / 1024)
          + " KB, from the JDK's file server on loopback";
      Figure paint = Figure.against("console",
              "first contentful paint, #/functions, " + listed + " functions", "ms",
              Stats.of(c.fcp), base, Stats.of(s.fcp))
          .withNote(n + " fresh navigations (about:blank between) after one unmeasured,"
              + " alternated with the static page's; headless Chromium; performance"
              + " 'first-contentful-paint' from navigation start. Response start: median "
              + Table.num(Stats.of(c.response).median()) + " ms (static page "
              + Table.num(Stats.of(s.response).median()) + " ms)");
      run.add(paint.withTarget("<= 200 ms", paint.outlet().median() <= 200));
      run.add(Figure.against("console",
              "first function row in the DOM, " + listed + " functions", "ms",
              Stats.of(c.row), base, Stats.of(s.row))
          .withNote("performance.now() when a MutationObserver first sees"
              + " [data-test=function-row] (before that frame's paint): after the session and"
              + " ListFunctions' first page"));
      run.fact("console_requests", c.requestsFact());
      if (c.all.size() == n) {
        run.add(Figure.against("console", "all " + listed + " function rows in the DOM", "ms",
                Stats.of(c.all), "ListFunctions, every page, straight from the JDK client",
                Stats.of(lists))
            .withNote("the console reads ListFunctions page by page (50 each, through its AWS"
                + " API proxy) and appends each page's rows as it comes"));
      } else {
        run.fact("console_all_rows", "the " + listed + " rows were not all in the DOM within"
            + " 30 s in " + (n - c.all.size()) + " of " + n + " visits");
      }
    } finally {
      server.stop(0);
    }
  }

  /** What the visits of one page measured, in ms from navigation start. */
  private static final class Visits {
    final List<Double> fcp = new ArrayList<>();
    final List<Double> row = new ArrayList<>();
    final List<Double> all = new ArrayList<>();
    final List<Double> response = new ArrayList<>();
    /** Resource timing of the console's own requests (request start to response end). */
    final Map<String, List<Double>> requests = new java.util.LinkedHashMap<>();

    String requestsFact() {
      StringBuilder b = new StringBuilder("medians over the visits, ms from request start to"
          + " response end (Resource Timing):");
      requests.forEach((k, v) -> {
        List<Double> known = v.stream().filter(d -> !d.isNaN()).toList();
        b.append(' ').append(k).append(' ')
            .append(known.isEmpty() ? "-" : Table.num(Stats.of(known).median())).append(';');
      });
      return b.toString();
    }
  }

  /** The console's requests behind a visit: JS giving a number (or null) for each. */
  private static final Map<String, String> REQUESTS = Map.of(
      "app.js", "d('/assets/app.js')[0]",
      "session", "d('/api/session')[0]",
      "ListFunctions page 1", "d('/aws/lambda/2015-03-31/functions/')[0]",
      "ListFunctions pages, mean", "(l => l.length ? l.reduce((a, b) => a + b) / l.length"
          + " : null)(d('/aws/lambda/2015-03-31/functions/'))",
      "ListFunctions pages, count", "d('/aws/lambda/2015-03-31/functions/').length",
      "summary", "d('/api/summary')[0]");

  private static void requests(Cdp.Tab tab, Visits v) throws Exception {
    for (var e : new java.util.TreeMap<>(REQUESTS).entrySet()) {
      v.requests.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(tab.number(
          "(() => { const r = performance.getEntriesByType('resource');"
              + " const d = (f) => r.filter((x) => x.name.includes(f))"
              + ".map((x) => x.responseEnd - x.startTime); return (" + e.getValue()
              + ") ?? null; })()"));
    }
  }

  /** One fresh navigation to {@code url}; adds its FCP, first-row and all-rows times. */
  private static void visit(Cdp.Tab tab, String url, Visits v, boolean every)
      throws Exception {
    tab.navigate("about:blank");
    tab.navigate(url);
    v.fcp.add(tab.awaitNumber(FCP, 10_000, "first-contentful-paint of " + url));
    v.row.add(tab.awaitNumber("window.__benchRow", 30_000, "a function row in " + url));
    v.response.add(tab.number("performance.getEntriesByType('navigation')[0].responseStart"));
    if (every) {
      try {
        v.all.add(tab.awaitNumber("window.__benchAll", 30_000, "every row"));
      } catch (java.io.IOException e) {
        // the caller reports how many visits got every row
      }
      requests(tab, v);
    }
  }

  /** A page like the console's functions list, its first page of rows already in the HTML. */
  private static String staticPage() {
    StringBuilder b = new StringBuilder("""
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Outlet console</title><style>
        body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1d2733}
        header{display:flex;gap:1rem;padding:.6rem 1rem;background:#14202e;color:#fff}
        .layout{display:flex}nav{width:12rem;padding:1rem}nav a{display:block;padding:.3rem 0}
        main{flex:1;padding:1rem}table{width:100%;table-layout:fixed;border-collapse:collapse}
        th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #dde3ea}
        </style></head><body><header><a href="#/">Outlet</a><span>us-east-1</span></header>
        <div class="layout"><nav><a href="#/">Dashboard</a><a href="#/functions">Functions</a>
        <a href="#/apis">HTTP APIs</a><a href="#/schedules">Schedules</a>
        <a href="#/queues">Queues</a></nav><main><h1>Functions</h1>
        <table data-test="functions-table"><thead><tr><th>Function name</th><th>Runtime</th>
        <th>Memory</th><th>Last modified</th><th>Invocations (1d)</th><th>Errors (1d)</th>
        </tr></thead><tbody>
        """);
    for (int i = 0; i < BASELINE_ROWS; i++) {
      String name = String.format("console-%04d", i);
      b.append("<tr data-test=\"function-row\" data-name=\"").append(name)
          .append("\"><td><a href=\"#/functions/").append(name).append("\">").append(name)
          .append("</a></td><td>provided.al2023</td><td>128 MB</td>")
          .append("<td>2026-12-06 04:50</td><td>0</td><td>0</td></tr>\n");
    }
    return b.append("</tbody></table></main></div></body></html>\n").toString();
  }

  private static void invokeCost(Run run, Outlet outlet, Cdp chromium, Cdp.Tab logsTab)
      throws Exception {
    Env env = run.env;
    Api api = outlet.api;
    api.create(LOGGING, run.artifacts.echoZip, Run.MEMORY_MB, Map.of("LOG_LINES", "1"));
    api.invoke(LOGGING, Run.SMALL, false);
    String url = api.invokeUrl(LOGGING);
    Path body = run.artifacts.payload100;
    // this Outlet is new: its JIT compiles the invoke path under load first (as Warm does)
    Wrk.run(env, url, 8, env.plan().jitWarmupSeconds() / 2, body);
    Cdp.Tab dashTab = chromium.newWindow();
    String logsUrl = outlet.endpoint + "/#/functions/" + LOGGING + "/logs";
    String dashUrl = outlet.endpoint + "/#/";
    // the dashboard refreshes every 5 s: a window of 10 s or more holds at least one refresh
    int seconds = Math.max(env.plan().warmSeconds(), 10);
    int pairs = env.full() ? 3 : 2;
    List<Double> cpuA = new ArrayList<>();
    List<Double> cpuB = new ArrayList<>();
    List<Wrk> a = new ArrayList<>();
    List<Wrk> b = new ArrayList<>();
    List<Double> chromiumShare = new ArrayList<>();
    List<Double> cpuC = new ArrayList<>();
    List<Wrk> c = new ArrayList<>();
    long[] tailBytes = {0};
    String lines = "";
    String points = "";
    for (int i = 0; i < pairs; i++) {
      logsTab.navigate("about:blank");
      dashTab.navigate("about:blank");
      measure(run, outlet, chromium, url, seconds, cpuA, a, null, i == pairs - 1 ? "a" : null);

      logsTab.navigate(logsUrl);
      logsTab.await("document.querySelector('[data-test=logs-tail][data-state=open]')", 20_000,
          "the live tail (logs-tail data-state=open)");
      dashTab.navigate(dashUrl);
      dashTab.await("document.querySelector('[data-test=dashboard] [data-test=chart-invocations]')",
          20_000, "the dashboard's invocations chart");
      if (i == 0) {
        run.fact("console_pages_hidden", "logs " + (long) logsTab.number("document.hidden ? 1 : 0")
            + ", dashboard " + (long) dashTab.number("document.hidden ? 1 : 0") + " (1 = hidden)");
      }
      measure(run, outlet, chromium, url, seconds, cpuB, b, chromiumShare,
          i == pairs - 1 ? "b" : null);
      lines = Table.num(logsTab.number(
          "document.querySelectorAll('[data-test=log-line]').length"));
      points = Long.toString((long) dashTab.number("Number(document.querySelector("
          + "'[data-test=chart-invocations]').getAttribute('data-points'))"));
      logsTab.navigate("about:blank");
      dashTab.navigate("about:blank");
      // (c) the same two feeds without a browser: Outlet's own cost of a watched function
      try (Watcher w = Watcher.start(outlet.endpoint, LOGGING)) {
        measure(run, outlet, chromium, url, seconds, cpuC, c, null, null);
        tailBytes[0] += w.bytes();
      }
    }
    logsTab.navigate("about:blank");
    dashTab.navigate("about:blank");
    String open = "console open: Logs tab live-tailing + dashboard (2 windows)";
    String closed = "no page open";
    String how = pairs + " x " + seconds + " s each, a/b alternated, wrk c=1, 100 B, a"
        + " function printing 1 line per invoke (START/END/REPORT too)";
    Figure cpu = Figure.against("console", "c=1 logging Outlet CPU per invoke, console open",
            "us", Stats.of(cpuB), closed, Stats.of(cpuA))
        .withNote(how + "; whole process (/proc utime+stime); at the end the tail showed "
            + lines + " lines, the invocations chart " + points + " points");
    run.add(cpu.withTarget("no measurable cost (ratio <= 1.05)", cpu.ratio() != null
        && cpu.ratio() <= 1.05));
    Figure own = Figure.against("console", "c=1 logging Outlet CPU per invoke, tail + summary"
                + " read by a plain client", "us", Stats.of(cpuC), closed, Stats.of(cpuA))
        .withNote(pairs + " x " + seconds + " s, alternated with the runs above: the live tail"
            + " streamed and /summary read every 5 s by the JDK's HTTP client, no browser ("
            + tailBytes[0] / 1024 + " KB of tail received): Outlet's own part of the console's"
            + " cost, without Chromium's competition for the 2 cores");
    run.add(own.withTarget("no measurable cost (ratio <= 1.05)", own.ratio() != null
        && own.ratio() <= 1.05));
    Figure rate = Figure.against("console", "c=1 logging invokes/s, console open", "1/s",
        Wrk.rates(b), closed, Wrk.rates(a)).withNote(open + "; " + how
            + "; Chromium competes for the cores with wrk, Outlet and the function");
    long failed = Wrk.failures(a) + Wrk.failures(b);
    run.add(failed > 0 ? rate.withNote(rate.note() + "; " + failed + " requests failed") : rate);
    run.add(Figure.against("console", "c=1 logging latency, console open", "us",
        Wrk.latency(b), closed, Wrk.latency(a)).withNote("wrk's p50 (median over runs); " + open));
    run.add(Figure.of("console", "Chromium's CPU while the console is open", "% of a core",
            Stats.of(chromiumShare))
        .withNote("browser, renderers and helpers (/proc), during the runs with the console"
            + " open; it shares the machine's " + Runtime.getRuntime().availableProcessors()
            + " cores with Outlet, the function and wrk"));
  }

  /** The console's two live feeds read without a browser: the tail streamed, the summary polled. */
  private static final class Watcher implements AutoCloseable {
    private final java.net.http.HttpClient http;
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    private final java.util.concurrent.atomic.AtomicLong bytes =
        new java.util.concurrent.atomic.AtomicLong();
    private volatile java.io.InputStream tail;

    private Watcher(java.net.http.HttpClient http) {
      this.http = http;
    }

    static Watcher start(String endpoint, String function) throws Exception {
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .cookieHandler(new java.net.CookieManager()).build();
      Watcher w = new Watcher(http);
      http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(endpoint + "/_outlet/console/api/session")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      java.io.InputStream in = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(endpoint + "/_outlet/console/api/tail?function=" + function))
              .build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream()).body();
      w.tail = in;
      Thread.ofVirtual().start(() -> {
        byte[] buf = new byte[8192];
        try {
          for (int n; (n = in.read(buf)) >= 0; ) {
            w.bytes.addAndGet(n);
          }
        } catch (java.io.IOException e) {
          // closed
        }
      });
      java.net.http.HttpRequest summary = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(endpoint + "/_outlet/console/api/summary?minutes=60")).build();
      w.timer.scheduleAtFixedRate(() -> {
        try {
          http.send(summary, java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
          // the next one
        }
      }, 0, 5, java.util.concurrent.TimeUnit.SECONDS);
      return w;
    }

    long bytes() {
      return bytes.get();
    }

    @Override
    public void close() throws Exception {
      timer.shutdownNow();
      tail.close();
    }
  }

  private static void measure(Run run, Outlet outlet, Cdp chromium, String url, int seconds,
      List<Double> cpu, List<Wrk> runs, List<Double> chromiumShare, String threadsFact)
      throws Exception {
    Env env = run.env;
    Path body = run.artifacts.payload100;
    Wrk.run(env, url, 1, env.plan().warmupSeconds(), body);
    var threads0 = Cpu.threads(outlet.pid());
    long o0 = Cpu.ticks(outlet.pid());
    long c0 = chromium.cpuTicks();
    Wrk w = Wrk.run(env, url, 1, seconds, body);
    long o = Cpu.ticks(outlet.pid()) - o0;
    long c = chromium.cpuTicks() - c0;
    cpu.add(o * Cpu.TICK_MS * 1000 / Math.max(1, w.requests()));
    runs.add(w);
    if (chromiumShare != null) {
      chromiumShare.add(c * Cpu.TICK_MS / 1000 / w.seconds() * 100);
    }
    if (threadsFact != null) {
      run.fact("console_outlet_threads_cpu_us_per_invoke_" + threadsFact,
          Warm.threadsPerInvoke(threads0, Cpu.threads(outlet.pid()), w));
    }
  }
}
