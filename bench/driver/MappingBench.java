import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQS event source mapping (BatchSize 10, MaximumBatchingWindowInSeconds 0) to a Python 3.11
 * function (bench/function/stamp): the time from SendMessage to the function's start. The driver
 * puts its wall clock (microseconds) in each message body just before sending it over AWS JSON
 * 1.0; the handler prints its own start on the same clock for each record; the lines are read back
 * with FilterLogEvents on the same endpoint. Messages go one at a time, one every {@value
 * #PERIOD_MS} ms, in blocks alternated with blocks of direct synchronous Invokes of the same
 * function carrying the same event shape (the baseline: request to function start, and the round
 * trip). Then bursts of {@value #BURST} messages (SendMessageBatch, back to back): the time from
 * the first send to the start of the last record's handler (drain), and messages/s through the
 * mapping. Sandboxes are warmed first (the burst may invoke up to 10 batches at once).
 */
final class MappingBench {
  static final String FUNCTION = "mapping-stamp";
  private static final String QUEUE = "bench-mapping";
  private static final int PERIOD_MS = 30;
  private static final int BLOCK = 50;
  private static final int BURST = 100;
  private static final Pattern LINE =
      Pattern.compile("MAPLAT (\\S+) (\\d+) (\\d+) (\\d+)");

  /** One printed record: its tag and index, the driver's send time and the handler's start. */
  record Stamp(String tag, int index, long sentMicros, long startMicros) {
    double millis() {
      return (startMicros - sentMicros) / 1000.0;
    }
  }

  private MappingBench() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    String endpoint = run.main.endpoint;
    long since = System.currentTimeMillis() - 1000;
    api.create(Api.createBody(FUNCTION, zip(env), "python3.11", "lambda_function.lambda_handler",
        Run.MEMORY_MB, Map.of()));
    byte[] empty = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    api.invoke(FUNCTION, empty, false);
    api.invokeConcurrently(FUNCTION, empty, 10);
    // the function's Timeout is 60 s: a mapping needs a visibility timeout at least that long
    String url = SqsBench.create(endpoint, QUEUE, "{\"VisibilityTimeout\":\"120\"}");
    String arn = "arn:aws:sqs:" + SqsBench.REGION + ":000000000000:" + QUEUE;
    String uuid = api.createMapping("{\"EventSourceArn\":" + Json.str(arn)
        + ",\"FunctionName\":" + Json.str(FUNCTION)
        + ",\"BatchSize\":10,\"MaximumBatchingWindowInSeconds\":0}");
    int blocks = env.full() ? 10 : 4;
    int bursts = env.full() ? 5 : 3;
    try (RawHttp sqs = new RawHttp(endpoint); RawHttp logs = new RawHttp(endpoint)) {
      // ---- warm-up: Outlet's JIT on both paths, one burst ----
      send(sqs, url, "wm", BLOCK);
      invoke(api, "wd", BLOCK);
      await(logs, since, "wm", BLOCK);
      burst(sqs, url, "wb");
      await(logs, since, "wb", BURST);

      // ---- one at a time, alternated with direct invokes ----
      List<Double> roundTrip = new ArrayList<>();
      List<Double> sends = new ArrayList<>();
      Map<String, List<Double>> sendsByTag = new LinkedHashMap<>();
      for (int b = 0; b < blocks; b++) {
        sendsByTag.put("m" + b, send(sqs, url, "m" + b, BLOCK));
        sends.addAll(sendsByTag.get("m" + b));
        Thread.sleep(200);
        roundTrip.addAll(invoke(api, "d" + b, BLOCK));
        Thread.sleep(200);
      }
      List<Double> mapped = new ArrayList<>();
      List<Double> afterAnswer = new ArrayList<>();
      List<Double> direct = new ArrayList<>();
      for (int b = 0; b < blocks; b++) {
        List<Double> rtt = sendsByTag.get("m" + b);
        for (Stamp s : await(logs, since, "m" + b, BLOCK)) {
          mapped.add(s.millis());
          afterAnswer.add(s.millis() - rtt.get(s.index()));
        }
        await(logs, since, "d" + b, BLOCK).forEach(s -> direct.add(s.millis()));
      }

      // ---- bursts ----
      List<Double> drain = new ArrayList<>();
      List<Double> rate = new ArrayList<>();
      List<Double> burstLatency = new ArrayList<>();
      for (int b = 0; b < bursts; b++) {
        Thread.sleep(500);
        burst(sqs, url, "b" + b);
        List<Stamp> got = await(logs, since, "b" + b, BURST);
        long first = got.stream().mapToLong(Stamp::sentMicros).min().orElseThrow();
        long last = got.stream().mapToLong(Stamp::startMicros).max().orElseThrow();
        double ms = (last - first) / 1000.0;
        drain.add(ms);
        rate.add(BURST / (ms / 1000));
        got.forEach(s -> burstLatency.add(s.millis()));
      }

      Stats m = Stats.of(mapped);
      Stats d = Stats.of(direct);
      Figure lat = Figure.against("mapping", "SendMessage to function start, window 0", "ms", m,
              "direct Invoke to function start", d)
          .withTarget("p50 <= 20 ms", m.median() <= 20)
          .withNote("p50/p90/p99 %s / %s / %s ms; direct Invoke %s / %s / %s ms; the mapping"
              .formatted(Table.num(m.median()), Table.num(p90(mapped)), Table.num(m.p99()),
                  Table.num(d.median()), Table.num(p90(direct)), Table.num(d.p99()))
              + " adds %s ms at p50; one message every %d ms, BatchSize 10, python3.11"
              .formatted(Table.num(m.median() - d.median()), PERIOD_MS));
      run.add(lat);
      run.add(Figure.of("mapping", "direct Invoke round trip, same function", "ms",
          Stats.of(roundTrip)).withNote("p90 " + Table.num(p90(roundTrip)) + " ms"));
      run.add(Figure.of("mapping", "SendMessage round trip (part of the above)", "ms",
          Stats.of(sends)).withNote("p90 " + Table.num(p90(sends)) + " ms"));
      run.add(Figure.against("mapping", "SendMessage's answer to function start", "ms",
              Stats.of(afterAnswer), "direct Invoke to function start", d)
          .withNote("per message, its send-to-start less its SendMessage round trip: the"
              + " mapping's own part (wake-up, receive, event, invoke); p90 "
              + Table.num(p90(afterAnswer)) + " ms"));
      run.add(Figure.of("mapping", "burst of " + BURST + ": first send to last start", "ms",
          Stats.of(drain)).withNote(BURST + " messages in 10 SendMessageBatch calls back to"
              + " back; per message send to start: p50 " + Table.num(Stats.of(burstLatency)
                  .median()) + " ms, p90 " + Table.num(p90(burstLatency)) + " ms"));
      run.add(Figure.of("mapping", "burst of " + BURST + ": messages/s through the mapping",
          "1/s", Stats.of(rate)));
    } finally {
      api.deleteMapping(uuid);
      SqsBench.delete(endpoint, url);
    }
  }

  /** The function's zip, made with Info-ZIP in the work folder. */
  private static byte[] zip(Env env) throws IOException, InterruptedException {
    Path zip = env.work().resolve("artifacts/stamp.zip");
    Files.createDirectories(zip.getParent());
    Files.deleteIfExists(zip);
    Procs.run(List.of("zip", "-q", "-j", zip.toString(),
        env.root().resolve("bench/function/stamp/lambda_function.py").toString()), 60);
    return Files.readAllBytes(zip);
  }

  /** The wall clock in microseconds since the epoch (the handler reads the same clock). */
  private static long wallMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /**
   * {@code n} SendMessage calls, one every {@value #PERIOD_MS} ms, bodies "TAG I SENT_US"; returns
   * their round trips in ms.
   */
  private static List<Double> send(RawHttp sqs, String url, String tag, int n)
      throws IOException {
    List<Double> ms = new ArrayList<>(n);
    long next = System.nanoTime();
    for (int i = 0; i < n; i++) {
      next += PERIOD_MS * 1_000_000L;
      pace(next);
      String body = tag + " " + i + " " + wallMicros();
      long t0 = System.nanoTime();
      sqs("SendMessage", sqs,
          "{\"QueueUrl\":" + Json.str(url) + ",\"MessageBody\":" + Json.str(body) + "}");
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    return ms;
  }

  /** {@value #BURST} messages: SendMessageBatch calls of 10, back to back. */
  private static void burst(RawHttp sqs, String url, String tag) throws IOException {
    for (int b = 0; b < BURST / 10; b++) {
      long sent = wallMicros();
      StringBuilder entries = new StringBuilder();
      for (int k = 0; k < 10; k++) {
        int i = b * 10 + k;
        entries.append(k == 0 ? "" : ",").append("{\"Id\":\"").append(k)
            .append("\",\"MessageBody\":").append(Json.str(tag + " " + i + " " + sent))
            .append('}');
      }
      String answer = sqs("SendMessageBatch", sqs,
          "{\"QueueUrl\":" + Json.str(url) + ",\"Entries\":[" + entries + "]}");
      if (answer.contains("\"Failed\":[{")) {
        throw new IOException("SendMessageBatch failed entries: " + answer);
      }
    }
  }

  /** {@code n} direct Invokes at the same pace; returns their round trips in ms. */
  private static List<Double> invoke(Api api, String tag, int n) throws IOException {
    List<Double> ms = new ArrayList<>(n);
    long next = System.nanoTime();
    for (int i = 0; i < n; i++) {
      next += PERIOD_MS * 1_000_000L;
      pace(next);
      String event = "{\"Records\":[{\"body\":\"" + tag + " " + i + " " + wallMicros() + "\"}]}";
      ms.add(api.invoke(FUNCTION, event.getBytes(StandardCharsets.UTF_8), false).millis());
    }
    return ms;
  }

  private static void pace(long untilNanos) {
    for (long left = untilNanos - System.nanoTime(); left > 0;
        left = untilNanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** An SQS JSON 1.0 call on {@code c}, headers as the SDKs send them; throws unless 200. */
  private static String sqs(String operation, RawHttp c, String body) throws IOException {
    return call(c, "application/x-amz-json-1.0", "AmazonSQS." + operation, "sqs", body);
  }

  private static String call(RawHttp c, String type, String target, String service, String body)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", type);
    headers.put("X-Amz-Target", target);
    headers.put("X-Amz-Date", "20260101T000000Z");
    headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/"
        + SqsBench.REGION + "/" + service + "/aws4_request, SignedHeaders=content-type;host;"
        + "x-amz-date;x-amz-target, Signature=" + "0".repeat(64));
    RawHttp.Response r = c.request("POST", "/", headers, body.getBytes(StandardCharsets.UTF_8));
    String answer = new String(r.body(), StandardCharsets.UTF_8);
    if (r.status() != 200) {
      throw new IOException(target + " answered " + r.status() + ": " + answer);
    }
    return answer;
  }

  /**
   * The function's lines for {@code tag} (FilterLogEvents on /aws/lambda/FUNCTION since {@code
   * sinceMs}, every page), once there are {@code n} of them (60 s at most); one per record, the
   * first printed when a message ran twice.
   */
  private static List<Stamp> await(RawHttp logs, long sinceMs, String tag, int n)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    Map<Integer, Stamp> got = new LinkedHashMap<>();
    while (true) {
      got.clear();
      String token = null;
      do {
        String answer = call(logs, "application/x-amz-json-1.1", "Logs_20140328.FilterLogEvents",
            "logs", "{\"logGroupName\":\"/aws/lambda/" + FUNCTION + "\",\"startTime\":" + sinceMs
                + ",\"filterPattern\":" + Json.str("\"MAPLAT " + tag + " \"")
                + (token == null ? "" : ",\"nextToken\":" + Json.str(token)) + "}");
        Matcher m = LINE.matcher(answer);
        while (m.find()) {
          if (m.group(1).equals(tag)) {
            got.putIfAbsent(Integer.parseInt(m.group(2)), new Stamp(tag,
                Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4))));
          }
        }
        token = Json.field(answer, "nextToken");
      } while (token != null);
      if (got.size() >= n) {
        return new ArrayList<>(got.values());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("only " + got.size() + " of " + n + " records of " + tag
            + " ran within 60 s");
      }
      Thread.sleep(200);
    }
  }

  /** The 90th percentile, nearest rank (Stats keeps min, median, p99, max). */
  private static double p90(List<Double> samples) {
    double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s[Math.max(0, (int) Math.ceil(0.9 * s.length) - 1)];
  }
}
