import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQS round trips over AWS JSON 1.0: wrk (bench/lua/sqs.lua, one connection per wrk thread) sends
 * 10 messages with SendMessageBatch, receives them with ReceiveMessage (MaxNumberOfMessages 10)
 * and deletes them with DeleteMessageBatch, again and again, at 1, 4 and 16 clients sharing one
 * queue; then the same one message at a time (SendMessage, ReceiveMessage, DeleteMessage). The
 * figure is messages through the whole round trip (deleted) per second. The baseline, in the same
 * run and under the same load, is GetQueueUrl requests per second: the edge and the protocol
 * without storage. Each run has a fresh queue.
 */
final class SqsBench {
  static final String REGION = "us-east-1";
  private static final String ACCOUNT = "000000000000";
  private static final int[] CLIENTS = {1, 4, 16};

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  private SqsBench() {}

  /** One wrk run of bench/lua/sqs.lua. */
  record Result(long requests, double seconds, long failed, long sent, long deleted) {
    double messagesPerSecond() {
      return deleted / seconds;
    }

    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  static void run(Run run) throws Exception {
    Env env = run.env;
    String endpoint = run.main.endpoint;
    int seconds = Math.max(3, env.plan().warmSeconds());
    int warm = env.plan().jitWarmupSeconds() / 2;
    int queues = 0;
    String url = create(endpoint, "bench-warmup");
    wrk(env, endpoint, url, 4, warm, 10, false);
    wrk(env, endpoint, url, 4, warm, 1, false);
    delete(endpoint, url);
    for (int c : CLIENTS) {
      List<Result> batched = new ArrayList<>();
      List<Result> single = new ArrayList<>();
      List<Result> floor = new ArrayList<>();
      for (int i = 0; i < env.plan().warmReps(); i++) {
        url = create(endpoint, "bench-c" + c + "-" + i + "-batch");
        batched.add(wrk(env, endpoint, url, c, seconds, 10, false));
        delete(endpoint, url);
        url = create(endpoint, "bench-c" + c + "-" + i + "-single");
        single.add(wrk(env, endpoint, url, c, seconds, 1, false));
        floor.add(wrk(env, endpoint, url, c, seconds, 1, true));
        delete(endpoint, url);
        queues += 2;
      }
      String base = "GetQueueUrl requests/s, same load";
      Stats floorRate = Stats.of(floor.stream().map(Result::requestsPerSecond).toList());
      Figure batch = Figure.against("sqs", "c=" + c + " batches of 10, messages/s", "msg/s",
          Stats.of(batched.stream().map(Result::messagesPerSecond).toList()), base, floorRate);
      Figure one = Figure.against("sqs", "c=" + c + " one at a time, messages/s", "msg/s",
          Stats.of(single.stream().map(Result::messagesPerSecond).toList()), base, floorRate);
      batch = withFailures(batch, batched);
      one = withFailures(one, single);
      long floorFailed = floor.stream().mapToLong(Result::failed).sum();
      if (floorFailed > 0) {
        run.error("sqs GetQueueUrl c=" + c, new IOException(floorFailed + " requests failed"));
      }
      if (c == CLIENTS[CLIENTS.length - 1]) {
        batch = batch.withTarget(">= 5000 msg/s", batch.outlet().median() >= 5000);
      }
      run.add(batch);
      run.add(one);
    }
    run.fact("sqs_queues", queues);
  }

  private static Figure withFailures(Figure f, List<Result> runs) {
    long failed = runs.stream().mapToLong(Result::failed).sum();
    return failed > 0 ? f.withNote(failed + " requests failed or were not 2xx") : f;
  }

  /** wrk with one thread per connection: each thread's script state is one client's loop. */
  static Result wrk(Env env, String endpoint, String queueUrl, int clients, int seconds,
      int batch, boolean getQueueUrl) throws IOException, InterruptedException {
    List<String> cmd = List.of(
        "wrk", "-t" + clients, "-c" + clients, "-d" + seconds + "s", "--timeout", "30s",
        "-s", env.root().resolve("bench/lua/sqs.lua").toString(), endpoint + "/");
    Map<String, String> vars = Map.of(
        "BENCH_SQS_QUEUE_URL", queueUrl,
        "BENCH_SQS_BATCH", Integer.toString(batch),
        "BENCH_SQS_REGION", REGION,
        "BENCH_SQS_MODE", getQueueUrl ? "GetQueueUrl" : "roundtrip");
    String out = Procs.run(cmd, seconds + 120, vars);
    int at = out.indexOf("BENCH_RESULT ");
    if (at < 0) {
      throw new IOException("wrk printed no result:\n" + out);
    }
    String json = Procs.firstLine(out.substring(at + "BENCH_RESULT ".length()));
    return new Result(
        (long) Json.number(json, "requests"),
        Json.number(json, "duration_us") / 1e6,
        (long) (Json.number(json, "errors") + Json.number(json, "non2xx")),
        (long) Json.number(json, "sent"),
        (long) Json.number(json, "deleted"));
  }

  /** CreateQueue; returns the queue's URL. */
  static String create(String endpoint, String name) throws IOException, InterruptedException {
    return create(endpoint, name, "{}");
  }

  /** CreateQueue with {@code attributes} (a JSON object of strings); returns the queue's URL. */
  static String create(String endpoint, String name, String attributes)
      throws IOException, InterruptedException {
    String r = call(endpoint, "CreateQueue",
        "{\"QueueName\":" + Json.str(name) + ",\"Attributes\":" + attributes + "}");
    String url = Json.field(r, "QueueUrl");
    if (url == null || !url.endsWith("/" + ACCOUNT + "/" + name)) {
      throw new IOException("CreateQueue answered " + r);
    }
    return url;
  }

  static void delete(String endpoint, String queueUrl) throws IOException, InterruptedException {
    call(endpoint, "DeleteQueue", "{\"QueueUrl\":" + Json.str(queueUrl) + "}");
  }

  /** One JSON 1.0 call, headers as the SDKs send them (the signature is not checked). */
  private static String call(String endpoint, String operation, String body)
      throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "AmazonSQS." + operation)
        .header("X-Amz-Date", "20260101T000000Z")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/" + REGION
            + "/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
            + " Signature=" + "0".repeat(64))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> r =
        HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IOException(operation + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
