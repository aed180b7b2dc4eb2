import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The Lambda REST API calls the scenarios make, over the JDK's HTTP/1.1 client. Thread-safe. Any
 * answer other than the expected status throws, with the body.
 */
final class Api {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  /** An Invoke's answer: status, payload, decoded log tail (when asked), client-side latency. */
  record Invoked(int status, byte[] payload, String tail, long startNanos, long endNanos) {
    double millis() {
      return (endNanos - startNanos) / 1e6;
    }

    boolean cold() {
      return tail != null && tail.contains("Init Duration:");
    }

    /** The REPORT line's Init Duration in ms, or NaN. */
    double initMillis() {
      if (tail == null) {
        return Double.NaN;
      }
      var m = java.util.regex.Pattern.compile("Init Duration: ([0-9.]+) ms").matcher(tail);
      return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
  }

  private final String endpoint;
  private final ThreadLocal<RawHttp> connections;

  Api(String endpoint) {
    this.endpoint = endpoint;
    this.connections = ThreadLocal.withInitial(() -> new RawHttp(endpoint));
  }

  String invokeUrl(String function) {
    return endpoint + "/2015-03-31/functions/" + function + "/invocations";
  }

  /** Creates a Function URL (AuthType NONE) and returns its path form on this endpoint. */
  String functionUrl(String function) throws IOException, InterruptedException {
    byte[] r = send(HttpRequest.newBuilder(
            URI.create(endpoint + "/2021-10-31/functions/" + function + "/url"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"AuthType\":\"NONE\"}"))
        .build(), 201);
    String url = Json.field(new String(r, StandardCharsets.UTF_8), "FunctionUrl");
    String id = url.substring(url.indexOf("//") + 2, url.indexOf('.'));
    return endpoint + "/_outlet/urls/" + id + "/bench";
  }

  /** Quick-creates an HTTP API in front of the function; returns its path form. */
  String httpApi(String function) throws IOException, InterruptedException {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + function;
    byte[] r = send(HttpRequest.newBuilder(URI.create(endpoint + "/v2/apis"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"protocolType\":"
            + "\"HTTP\",\"target\":" + Json.str(arn) + "}"))
        .build(), 201);
    String id = Json.field(new String(r, StandardCharsets.UTF_8), "apiId");
    return endpoint + "/_outlet/apis/" + id + "/bench";
  }

  /** The CreateFunction body; {@code zip} is encoded here, outside any timed section. */
  static byte[] createBody(String name, byte[] zip, int memoryMb, Map<String, String> env) {
    return createBody(name, zip, "provided.al2023", "x", memoryMb, env);
  }

  /** The CreateFunction body of a function of {@code runtime} (a managed one: its handler). */
  static byte[] createBody(
      String name, byte[] zip, String runtime, String handler, int memoryMb,
      Map<String, String> env) {
    String head =
        "{\"FunctionName\":" + Json.str(name)
            + ",\"Runtime\":" + Json.str(runtime)
            + ",\"Role\":\"arn:aws:iam::123456789012:role/r\""
            + ",\"Handler\":" + Json.str(handler) + ",\"MemorySize\":" + memoryMb
            + ",\"Timeout\":60"
            + ",\"Environment\":{\"Variables\":" + vars(env) + "}"
            + ",\"Code\":{\"ZipFile\":\"";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] b64 = Base64.getEncoder().encode(zip);
    byte[] t = "\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[h.length + b64.length + t.length];
    System.arraycopy(h, 0, body, 0, h.length);
    System.arraycopy(b64, 0, body, h.length, b64.length);
    System.arraycopy(t, 0, body, h.length + b64.length, t.length);
    return body;
  }

  /** POST /2015-03-31/functions with a prepared body; returns the time to the 201, in ms. */
  double create(byte[] body) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    send(post(endpoint + "/2015-03-31/functions", body), 201);
    return (System.nanoTime() - t0) / 1e6;
  }

  void create(String name, byte[] zip, int memoryMb, Map<String, String> env)
      throws IOException, InterruptedException {
    create(createBody(name, zip, memoryMb, env));
  }

  /**
   * CreateFunction of a container-image function ({@code PackageType: Image}, {@code
   * Code.ImageUri}); returns the time to the 201, in ms (Outlet resolves and unpacks the image
   * before it answers).
   */
  double createImage(String name, String imageUri, int memoryMb, Map<String, String> env)
      throws IOException, InterruptedException {
    String body =
        "{\"FunctionName\":" + Json.str(name)
            + ",\"PackageType\":\"Image\""
            + ",\"Role\":\"arn:aws:iam::123456789012:role/r\""
            + ",\"MemorySize\":" + memoryMb + ",\"Timeout\":60"
            + ",\"Environment\":{\"Variables\":" + vars(env) + "}"
            + ",\"Code\":{\"ImageUri\":" + Json.str(imageUri) + "}}";
    return create(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * ECR's CreateRepository (AWS JSON 1.1 on the same endpoint, headers as the CLI sends them; the
   * signature is not checked in Outlet's default auth mode).
   */
  void createRepository(String name) throws IOException, InterruptedException {
    ecr("CreateRepository", "{\"repositoryName\":" + Json.str(name) + "}");
  }

  /** ECR's DeleteRepository with {@code force} (its images go with it). */
  void deleteRepository(String name) throws IOException, InterruptedException {
    ecr("DeleteRepository", "{\"repositoryName\":" + Json.str(name) + ",\"force\":true}");
  }

  private void ecr(String operation, String body) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation)
        .header("X-Amz-Date", "20260101T000000Z")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1"
            + "/ecr/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
            + " Signature=" + "0".repeat(64))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    send(req, 200);
  }

  void updateEnvironment(String name, Map<String, String> env)
      throws IOException, InterruptedException {
    byte[] body =
        ("{\"Environment\":{\"Variables\":" + vars(env) + "}}").getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(endpoint + "/2015-03-31/functions/" + name + "/configuration"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    send(req, 200);
  }

  void delete(String name) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(endpoint + "/2015-03-31/functions/" + name))
            .timeout(Duration.ofSeconds(60))
            .DELETE()
            .build();
    send(req, 204);
  }

  /** Lists every function, page by page; returns the number listed. */
  int listAll() throws IOException, InterruptedException {
    int n = 0;
    String marker = null;
    do {
      String url = endpoint + "/2015-03-31/functions/"
          + (marker == null ? "" : "?Marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));
      String page =
          new String(send(HttpRequest.newBuilder(URI.create(url)).GET().build(), 200),
              StandardCharsets.UTF_8);
      n += Json.count(page, "FunctionName");
      marker = Json.field(page, "NextMarker");
    } while (marker != null && !marker.isEmpty());
    return n;
  }

  /**
   * One Invoke on this thread's own keep-alive connection ({@link RawHttp}: the JDK client would
   * add about a millisecond); throws unless it answers 200.
   */
  Invoked invoke(String function, byte[] payload, boolean tail) throws IOException {
    Invoked r = invoke(connections.get(), function, payload, tail);
    if (r.status() != 200) {
      throw new IOException(
          "Invoke " + function + " answered " + r.status() + ": "
              + new String(r.payload(), StandardCharsets.UTF_8));
    }
    return r;
  }

  /**
   * Fires {@code n} invocations at once, each on its own connection opened beforehand (so that
   * TCP handshakes are not part of the figure), and waits for all of them.
   */
  List<Invoked> invokeConcurrently(String function, byte[] payload, int n)
      throws InterruptedException {
    List<RawHttp> conns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      conns.add(new RawHttp(endpoint));
    }
    java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(n);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<CompletableFuture<Invoked>> calls = new ArrayList<>(n);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (RawHttp c : conns) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try (c) {
            c.connect();
            connected.countDown();
            go.await();
            return invoke(c, function, payload, true);
          } catch (Exception e) {
            connected.countDown();
            throw new java.util.concurrent.CompletionException(e);
          }
        }, threads));
      }
      connected.await();
      go.countDown();
      return calls.stream().map(CompletableFuture::join).toList();
    }
  }

  private Invoked invoke(RawHttp c, String function, byte[] payload, boolean tail)
      throws IOException {
    Map<String, String> headers = tail ? Map.of("X-Amz-Log-Type", "Tail") : Map.of();
    long t0 = System.nanoTime();
    RawHttp.Response r =
        c.request("POST", "/2015-03-31/functions/" + function + "/invocations", headers, payload);
    long t1 = System.nanoTime();
    String log = r.headers().get("x-amz-log-result");
    String decoded =
        log == null ? null : new String(Base64.getDecoder().decode(log), StandardCharsets.UTF_8);
    return new Invoked(r.status(), r.body(), decoded, t0, t1);
  }

  /**
   * CreateEventSourceMapping (answered 202, {@code Creating}); returns its UUID once GetEventSource
   * Mapping says {@code Enabled} (within 30 s).
   */
  String createMapping(String body) throws IOException, InterruptedException {
    String created = new String(send(post(endpoint + "/2015-03-31/event-source-mappings/",
        body.getBytes(StandardCharsets.UTF_8)), 202), StandardCharsets.UTF_8);
    String uuid = Json.field(created, "UUID");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      String state = Json.field(new String(send(HttpRequest.newBuilder(
              URI.create(endpoint + "/2015-03-31/event-source-mappings/" + uuid)).GET().build(),
          200), StandardCharsets.UTF_8), "State");
      if ("Enabled".equals(state)) {
        return uuid;
      }
      Thread.sleep(50);
    }
    throw new IOException("event source mapping " + uuid + " was not Enabled within 30 s");
  }

  void deleteMapping(String uuid) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(URI.create(endpoint + "/2015-03-31/event-source-mappings/" + uuid))
        .timeout(Duration.ofSeconds(60))
        .DELETE()
        .build(), 202);
  }

  /** POSTs a body to any URL (the floor's /discard) and returns the ms to its answer. */
  static double postMillis(String url, byte[] body) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r =
        HTTP.send(post(url, body), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() / 100 != 2) {
      throw new IOException(url + " answered " + r.statusCode());
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static HttpRequest post(String url, byte[] body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(300))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static byte[] send(HttpRequest req, int expected)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != expected) {
      throw new IOException(
          req.method() + " " + req.uri().getPath() + " answered " + r.statusCode()
              + " (expected " + expected + "): "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  private static String vars(Map<String, String> env) {
    return env.entrySet().stream()
        .map(e -> Json.str(e.getKey()) + ":" + Json.str(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }
}
