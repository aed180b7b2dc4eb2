import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven through the Chrome DevTools Protocol over the JDK's own
 * WebSocket client: just what the console scenario needs (navigate, wait for the load event,
 * evaluate an expression, open a second window). {@link #close} kills Chromium's whole process
 * tree by PID and deletes its temporary profile. Used from one thread at a time.
 */
final class Cdp implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  final Process process;
  private final Path profile;
  private final String host;
  private final Conn browser;
  private final List<Tab> tabs = new ArrayList<>();

  private Cdp(Process process, Path profile, String browserWs) throws IOException {
    this.process = process;
    this.profile = profile;
    URI u = URI.create(browserWs);
    this.host = u.getHost() + ":" + u.getPort();
    this.browser = Conn.open(browserWs);
  }

  /** Starts Chromium on a fresh profile under {@code work}; its stderr goes to {@code log}. */
  static Cdp start(Env env, Path work, Path log) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-");
    List<String> cmd = List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=1280,800", "about:blank");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TMPDIR", profile.toString()); // its scratch folders go with the profile
    Process p = pb.start();
    env.track(p.pid());
    CompletableFuture<String> ws = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
              new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
          var out = Files.newBufferedWriter(log)) {
        String line;
        while ((line = r.readLine()) != null) { // drained to the end: a full pipe stalls it
          Matcher m = LISTENING.matcher(line);
          if (!ws.isDone() && m.find()) {
            ws.complete(m.group(1));
          }
          out.write(line);
          out.newLine();
          out.flush();
        }
      } catch (IOException e) {
        // Chromium went away
      }
      ws.completeExceptionally(new IOException("Chromium exited before its DevTools line"));
    }, "chromium-stderr-" + p.pid());
    pump.setDaemon(true);
    pump.start();
    try {
      return new Cdp(p, profile, ws.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      kill(p);
      delete(profile);
      throw new IOException("Chromium did not start (" + e + "): "
          + String.join("\n", Outlet.lastLines(log, 20)), e);
    }
  }

  /** The page target Chromium opened at start (about:blank), from {@code /json/list}. */
  Tab firstTab() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://" + host + "/json/list")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:"
        + "\\s*\"([^\"]+)\"|\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"type\"\\s*:"
        + "\\s*\"page\"").matcher(r.body());
    if (!m.find()) {
      throw new IOException("no page target in /json/list: " + r.body());
    }
    return attach(m.group(1) != null ? m.group(1) : m.group(2));
  }

  /**
   * A page in a window of its own (Target.createTarget, newWindow): each window is visible, so
   * neither page is a hidden background tab (the console pauses its live refresh when hidden).
   */
  Tab newWindow() throws IOException, InterruptedException {
    String r = browser.call("Target.createTarget",
        "{\"url\":\"about:blank\",\"newWindow\":true}");
    String id = Json.field(r, "targetId");
    return attach("ws://" + host + "/devtools/page/" + id);
  }

  private Tab attach(String ws) throws IOException, InterruptedException {
    Tab t = new Tab(Conn.open(ws));
    tabs.add(t);
    t.conn.call("Page.enable", "{}");
    t.conn.call("Runtime.enable", "{}");
    return t;
  }

  /** CPU ticks of Chromium's whole process tree (browser, renderers, GPU/utility processes). */
  long cpuTicks() throws IOException {
    List<Long> all = new ArrayList<>(Procs.descendants(process.pid()));
    all.add(process.pid());
    return Cpu.ticks(all);
  }

  @Override
  public void close() {
    for (Tab t : tabs) {
      t.conn.close();
    }
    browser.close();
    kill(process);
    delete(profile);
  }

  /** SIGTERM to the browser and each descendant by PID, then SIGKILL to whatever is left. */
  private static void kill(Process p) {
    List<Long> tree = new ArrayList<>();
    try {
      tree.addAll(Procs.descendants(p.pid()));
    } catch (IOException e) {
      // the browser alone, then
    }
    p.destroy();
    for (long pid : tree) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    p.destroyForcibly();
    for (long pid : tree) {
      ProcessHandle.of(pid).ifPresent(h -> {
        if (h.isAlive()) {
          h.destroyForcibly();
        }
      });
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // a renderer still writing as it died: the work folder goes at the end anyway
    }
  }

  /** One page: navigate, evaluate. */
  static final class Tab {
    final Conn conn;

    Tab(Conn conn) {
      this.conn = conn;
    }

    /** Page.navigate, then waits for Page.loadEventFired (within 30 s). */
    void navigate(String url) throws IOException, InterruptedException {
      CompletableFuture<String> loaded = conn.next("Page.loadEventFired");
      String r = conn.call("Page.navigate", "{\"url\":" + Json.str(url) + "}");
      if (Json.field(r, "errorText") != null) {
        throw new IOException("navigating to " + url + ": " + Json.field(r, "errorText"));
      }
      try {
        loaded.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("no load event within 30 s for " + url, e);
      }
    }

    void addScriptOnNewDocument(String source) throws IOException, InterruptedException {
      conn.call("Page.addScriptToEvaluateOnNewDocument", "{\"source\":" + Json.str(source) + "}");
    }

    void bringToFront() throws IOException, InterruptedException {
      conn.call("Page.bringToFront", "{}");
    }

    /** Runtime.evaluate by value; the whole answer (read {@code value} from it). */
    String evaluate(String expression) throws IOException, InterruptedException {
      String r = conn.call("Runtime.evaluate", "{\"expression\":" + Json.str(expression)
          + ",\"returnByValue\":true}");
      if (r.contains("\"exceptionDetails\"")) {
        throw new IOException("evaluating " + expression + ": " + r);
      }
      return r;
    }

    /** A number the expression gives, or NaN when it gives null/undefined. */
    double number(String expression) throws IOException, InterruptedException {
      return Json.number(evaluate(expression), "value");
    }

    /** Polls (every 10 ms) until the expression gives a number; that number. */
    double awaitNumber(String expression, long timeoutMs, String what)
        throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeoutMs * 1_000_000;
      while (System.nanoTime() < deadline) {
        double v = number(expression);
        if (!Double.isNaN(v)) {
          return v;
        }
        Thread.sleep(10);
      }
      throw new IOException(what + ": not within " + timeoutMs + " ms");
    }

    /** Polls until the expression is true. */
    void await(String expression, long timeoutMs, String what)
        throws IOException, InterruptedException {
      awaitNumber("(" + expression + ") ? 1 : null", timeoutMs, what);
    }
  }

  /** One DevTools WebSocket: calls by id, and futures of the next event of a method. */
  static final class Conn implements WebSocket.Listener, AutoCloseable {
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Pattern METHOD = Pattern.compile("^\\{\"method\":\"([^\"]+)\"");

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> calls = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, CompletableFuture<String>>> waiters =
        new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    static Conn open(String url) throws IOException {
      Conn c = new Conn();
      try {
        c.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(url), c).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("cannot connect to " + url + ": " + e, e);
      }
      return c;
    }

    /** Sends a command; returns the answer's text; throws on a protocol error (or 30 s). */
    String call(String method, String params) throws IOException, InterruptedException {
      int id = ids.incrementAndGet();
      CompletableFuture<String> f = new CompletableFuture<>();
      calls.put(id, f);
      ws.sendText("{\"id\":" + id + ",\"method\":" + Json.str(method) + ",\"params\":" + params
          + "}", true).join();
      String r;
      try {
        r = f.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException(method + ": no answer (" + e + ")", e);
      } finally {
        calls.remove(id);
      }
      if (r.startsWith("{\"id\":" + id + ",\"error\"")) {
        throw new IOException(method + ": " + r);
      }
      return r;
    }

    /** The next event named {@code method}; register it before the call that causes it. */
    CompletableFuture<String> next(String method) {
      CompletableFuture<String> f = new CompletableFuture<>();
      waiters.add(Map.entry(method, f));
      return f;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String msg = partial.toString();
        partial.setLength(0);
        Matcher id = ID.matcher(msg);
        if (id.find()) {
          CompletableFuture<String> f = calls.get(Integer.parseInt(id.group(1)));
          if (f != null) {
            f.complete(msg);
          }
        } else {
          Matcher m = METHOD.matcher(msg);
          if (m.find()) {
            for (var w : waiters) {
              if (w.getKey().equals(m.group(1))) {
                waiters.remove(w);
                w.getValue().complete(msg);
              }
            }
          }
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      IOException e = new IOException("DevTools connection failed: " + error, error);
      calls.values().forEach(f -> f.completeExceptionally(e));
      waiters.forEach(w -> w.getValue().completeExceptionally(e));
    }

    @Override
    public void close() {
      try {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // the browser is going away anyway
      }
      ws.abort();
    }
  }
}
