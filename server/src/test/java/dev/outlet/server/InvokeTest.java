package dev.outlet.server;

import static dev.outlet.server.testkit.AwsErrors.assertError;
import static dev.outlet.server.testkit.AwsErrors.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.Processes;
import dev.outlet.server.testkit.Recorder;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Invoke, end to end: real runtime processes (sh + curl) behind a real Outlet. */
class InvokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID_PATTERN =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @TempDir static Path root;
  private static TestServer server;
  private static LambdaClient lambda;
  private static ExecutorService threads;
  private static Recorder recorder;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
    lambda = server.lambda();
    threads = Executors.newCachedThreadPool();
    recorder = Recorder.start();
  }

  @AfterAll
  static void stop() {
    if (recorder != null) {
      recorder.close();
    }
    if (threads != null) {
      threads.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  // ---- the happy path ----

  @Test
  void requestResponseReturnsThePayloadBytesVerbatim() throws Exception {
    String name = "echo-verbatim";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    String payload = "  {\"text\": \"ünïcødé ☃ \\u00e9\",\n \"n\": [1, 2.50, true, null]}\n";

    InvokeResponse response =
        lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.payload().asByteArray())
        .isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    assertThat(response.functionError()).isNull();
    assertThat(response.logResult()).as("no Tail asked").isNull();
    assertThat(response.responseMetadata().requestId()).matches(UUID_PATTERN);

    HttpResponse<String> raw =
        server.send(
            "POST",
            "/2015-03-31/functions/" + name + "/invocations",
            payload.getBytes(StandardCharsets.UTF_8));
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).isEqualTo(payload);
    assertThat(raw.headers().firstValue("x-amzn-RequestId")).get().asString().matches(UUID_PATTERN);
    assertThat(raw.headers().firstValue("X-Amz-Executed-Version")).hasValue("$LATEST");
    assertThat(raw.headers().firstValue("X-Amz-Function-Error")).isEmpty();
  }

  @Test
  void tailEndsWithAReportThatHasInitDurationOnlyOnTheColdStartOfAReusedSandbox() throws Exception {
    String name = "tail-cold-warm";
    server.create(name, TestZips.bootstrap(Runtimes.identity()));

    InvokeResponse cold = server.invoke(name, "{}");
    InvokeResponse warm = server.invoke(name, "{}");

    String coldId = cold.responseMetadata().requestId();
    String coldTail = TestServer.logTail(cold);
    assertThat(lastLine(coldTail)).matches(report(coldId, 128, true));
    assertThat(coldTail)
        .startsWith("INIT_START Runtime Version: ")
        .contains(
            "START RequestId: " + coldId + " Version: $LATEST\n",
            "END RequestId: " + coldId + "\n");
    String warmId = warm.responseMetadata().requestId();
    String warmTail = TestServer.logTail(warm);
    assertThat(lastLine(warmTail)).matches(report(warmId, 128, false));
    assertThat(warmTail)
        .doesNotContain("INIT_START", coldId)
        .startsWith("START RequestId: " + warmId);

    JsonNode first = json(cold);
    JsonNode second = json(warm);
    assertThat(second.get("process").asText())
        .as("same runtime process")
        .isEqualTo(first.get("process").asText());
    assertThat(first.get("count").asInt()).isEqualTo(1);
    assertThat(second.get("count").asInt()).isEqualTo(2);
  }

  @Test
  void whatTheFunctionPrintsComesBetweenStartAndEnd() {
    String name = "tail-output";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));

    InvokeResponse response = server.invoke(name, "{}");

    String id = response.responseMetadata().requestId();
    String tail = TestServer.logTail(response);
    int start = tail.indexOf("START RequestId: " + id);
    int printed = tail.indexOf("echo runtime handling " + id + "\n");
    int end = tail.indexOf("END RequestId: " + id);
    assertThat(start).isGreaterThanOrEqualTo(0);
    assertThat(printed).isGreaterThan(start);
    assertThat(end).isGreaterThan(printed);
  }

  @Test
  void tailKeepsOnlyTheLastFourKilobytes() {
    String name = "tail-last-4k";
    server.create(name, TestZips.bootstrap(Runtimes.printLines()), Map.of("LINE_COUNT", "400"));

    InvokeResponse response = server.invoke(name, "{}");

    String id = response.responseMetadata().requestId();
    byte[] decoded = java.util.Base64.getDecoder().decode(response.logResult());
    assertThat(decoded.length).isLessThanOrEqualTo(4096).isGreaterThan(3500);
    String tail = new String(decoded, StandardCharsets.UTF_8);
    assertThat(lastLine(tail)).matches(report(id, 128, true));
    assertThat(tail)
        .contains("line 400 of 400\nEND RequestId: " + id + "\n")
        .doesNotContain("START RequestId", "line 1 of 400\n");
  }

  @Test
  void concurrentInvocationsRunInParallelInSeparateSandboxes() {
    String name = "parallel";
    server.create(name, TestZips.bootstrap(Runtimes.identity()), Map.of("SLEEP_SECONDS", "1"));

    long started = System.nanoTime();
    List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> server.invoke(name, "{}"), threads));
    }
    List<InvokeResponse> responses = calls.stream().map(CompletableFuture::join).toList();
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(responses).allSatisfy(r -> assertThat(r.functionError()).isNull());
    Set<String> processes = new HashSet<>();
    Set<String> streams = new HashSet<>();
    responses.forEach(
        r -> {
          processes.add(json(r).get("process").asText());
          streams.add(json(r).get("stream").asText());
        });
    assertThat(processes).as("one runtime process each").hasSize(4);
    assertThat(streams).as("one sandbox (log stream) each").hasSize(4);
    assertThat(elapsedMillis).as("4 invocations of 1 s, in ms").isLessThan(3000);
  }

  @Test
  void anEventInvocationIsAcceptedAndRunsLater() {
    String name = "event-recorded";
    server.create(
        name,
        TestZips.bootstrap(Runtimes.recordEvents()),
        Map.of("RECORDER_URL", recorder.url() + "/" + name));
    String event = "{\"event\":\"" + UUID.randomUUID() + "\"}";

    InvokeResponse response =
        lambda.invoke(
            b ->
                b.functionName(name)
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(event)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.payload().asByteArray()).isEmpty();
    assertThat(response.executedVersion()).isNull();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(recorder.bodies("/" + name + "/event")).containsExactly(event));
  }

  @Test
  void aDryRunAnswers204AndRunsNothing() {
    String name = "dry-run";
    server.create(
        name,
        TestZips.bootstrap(Runtimes.recordEvents()),
        Map.of("RECORDER_URL", recorder.url() + "/" + name));

    InvokeResponse dry =
        lambda.invoke(
            b ->
                b.functionName(name)
                    .invocationType(InvocationType.DRY_RUN)
                    .payload(SdkBytes.fromUtf8String("{\"run\":\"dry\"}")));
    InvokeResponse real =
        lambda.invoke(
            b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{\"run\":\"real\"}")));

    assertThat(dry.statusCode()).isEqualTo(204);
    assertThat(dry.payload().asByteArray()).isEmpty();
    assertThat(real.payload().asUtf8String()).isEqualTo("\"recorded\"");
    assertThat(recorder.bodies("/" + name + "/event"))
        .as("events the function saw")
        .containsExactly("{\"run\":\"real\"}");
  }

  @Test
  void anEmptyBodyIsTheEventEmptyObject() {
    String name = "empty-body";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));

    InvokeResponse response = lambda.invoke(b -> b.functionName(name));

    assertThat(response.payload().asUtf8String()).isEqualTo("{}");
  }

  @Test
  void aPayloadThatIsNotJsonIsInvalidRequestContent() {
    String name = "not-json";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));

    InvalidRequestContentException e =
        thrownBy(
            InvalidRequestContentException.class,
            () ->
                lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("hello"))));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith("Could not parse request body into json: Could not parse payload into json");
  }

  @Test
  void aPayloadThatIsNotOneCompleteJsonValueIsRefusedEvenWhenLarge() throws Exception {
    String name = "half-json";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    // small payloads are checked on the event loop, large ones (over 64 KB) on a virtual thread
    String big = "{\"k\":\"" + "x".repeat(200_000) + "\"";
    for (String bad : List.of("{\"a\":", "{\"a\":1}}", "[1,]", "{} {}", big, big + "}}")) {
      InvalidRequestContentException e =
          thrownBy(
              InvalidRequestContentException.class,
              () -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(bad))));
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith(
              "Could not parse request body into json: Could not parse payload into json: ");
    }
    String good = big + "}";
    assertThat(
            lambda
                .invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(good)))
                .payload()
                .asUtf8String())
        .isEqualTo(good);
    if (java.nio.file.Files.isExecutable(dev.outlet.server.testkit.AwsCli.AWS)) {
      dev.outlet.server.testkit.AwsCli aws =
          new dev.outlet.server.testkit.AwsCli(server.endpoint(), root.resolve("cli-json"));
      dev.outlet.server.testkit.AwsCli.Run run =
          aws.run(
              "lambda",
              "invoke",
              "--function-name",
              name,
              "--cli-binary-format",
              "raw-in-base64-out",
              "--payload",
              "{\"a\":",
              root.resolve("half.json").toString());
      assertThat(run.exit()).isNotZero();
      assertThat(run.err())
          .contains("InvalidRequestContentException")
          .contains("Unexpected end-of-input");
    }
  }

  @Test
  void aPayloadOverSixMegabytesIsTooLarge() {
    String name = "payload-too-large";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    String payload = "\"" + "x".repeat(7 * 1024 * 1024) + "\"";

    // AWS's wire code is RequestEntityTooLargeException, which the SDK v2 model does not map to
    // its RequestTooLargeException class (lambda-contract.md §7.8): a plain LambdaException.
    LambdaException e =
        thrownBy(
            LambdaException.class,
            () ->
                lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload))));

    assertError(
        e,
        413,
        "RequestEntityTooLargeException",
        "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
  }

  // ---- failures ----

  @Test
  void anErrorPostedByTheRuntimeReachesTheCallerVerbatim() {
    String name = "posts-error";
    String body =
        "{\"errorMessage\":\"something broke\",\"errorType\":\"BrokenThing\",\"stackTrace\":[\"at step 1\"]}";
    server.create(name, TestZips.bootstrap(Runtimes.error(body, "Runtime.UserException")));

    InvokeResponse response = server.invoke(name, "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String()).isEqualTo(body);
    String id = response.responseMetadata().requestId();
    assertThat(TestServer.logTail(response)).contains("END RequestId: " + id);
  }

  @Test
  void aCrashIsRuntimeExitErrorAndTheNextInvokeStartsAFreshSandbox() {
    String name = "crash-exit-3";
    server.create(name, TestZips.bootstrap(Runtimes.crashOnDemand()));
    JsonNode first = json(server.invoke(name, "{}"));
    String firstStream = first.get("stream").asText();
    assertThat(Processes.ofSandbox(firstStream)).as("the first sandbox's processes").isNotEmpty();

    InvokeResponse crashed = server.invoke(name, "{\"please\":\"crash\"}");

    String id = crashed.responseMetadata().requestId();
    assertThat(crashed.statusCode()).isEqualTo(200);
    assertThat(crashed.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(crashed);
    assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("RequestId: " + id + " Error: Runtime exited with error: exit status 3");
    String tail = TestServer.logTail(crashed);
    assertThat(tail).contains("crashing as asked\n");
    assertThat(lastLine(tail))
        .startsWith("REPORT RequestId: " + id + "\t")
        .endsWith("\tStatus: error\tError Type: Runtime.ExitError");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Processes.ofSandbox(firstStream)).isEmpty());

    InvokeResponse after = server.invoke(name, "{}");
    assertThat(after.functionError()).isNull();
    JsonNode fresh = json(after);
    assertThat(fresh.get("process").asText()).isNotEqualTo(first.get("process").asText());
    assertThat(fresh.get("stream").asText()).isNotEqualTo(firstStream);
    assertThat(lastLine(TestServer.logTail(after)))
        .matches(report(after.responseMetadata().requestId(), 128, true));
  }

  @Test
  void aTimeoutKillsTheRuntimeAndItsChildren() throws Exception {
    String name = "timeout-1s";
    String marker = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    String sleepArgument = "600." + marker;
    server.create(
        name,
        TestZips.bootstrap(Runtimes.hang()),
        b -> b.timeout(1).environment(e -> e.variables(Map.of("MARKER", marker))));

    long started = System.nanoTime();
    CompletableFuture<InvokeResponse> invoke =
        CompletableFuture.supplyAsync(() -> server.invoke(name, "{}"), threads);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !Processes.withMarker(sleepArgument).isEmpty() || invoke.isDone());
    boolean sawGrandchild = !Processes.withMarker(sleepArgument).isEmpty();
    InvokeResponse response = invoke.get(30, TimeUnit.SECONDS);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(sawGrandchild).as("the grandchild sleep ran during the invocation").isTrue();
    String id = response.responseMetadata().requestId();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(response);
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("RequestId: " + id + " Error: Task timed out after 1.00 seconds");
    String tail = TestServer.logTail(response);
    assertThat(lastLine(tail))
        .startsWith("REPORT RequestId: " + id + "\t")
        .contains("\tStatus: timeout");
    assertThat(elapsedMillis).isBetween(1000L, 6000L);

    Matcher stream = Pattern.compile("stream=(\\S+)\n").matcher(tail);
    assertThat(stream.find()).as("the runtime printed its stream").isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(Processes.withMarker(sleepArgument)).as("the grandchild sleep").isEmpty();
              assertThat(Processes.ofSandbox(stream.group(1)))
                  .as("the sandbox's processes")
                  .isEmpty();
            });
  }

  @Test
  void anInitErrorIsAnsweredWithThePostedBody() {
    String name = "init-error";
    String body = "{\"errorMessage\":\"cannot load configuration\",\"errorType\":\"ConfigError\"}";
    server.create(name, TestZips.bootstrap(Runtimes.initError(body, "Runtime.ConfigError")));

    InvokeResponse response = server.invoke(name, "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String()).isEqualTo(body);
    String tail = TestServer.logTail(response);
    assertThat(tail)
        .contains("init: cannot start\n")
        .containsPattern(
            "INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: init\tStatus: error\tError Type:"
                + " Runtime.ConfigError\n");
    assertThat(lastLine(tail))
        .startsWith("REPORT RequestId: " + response.responseMetadata().requestId());
  }

  @Test
  void aRuntimeThatExitsBeforeItsFirstNextIsRuntimeExitErrorEveryTime() {
    String name = "exit-before-next";
    server.create(name, TestZips.bootstrap(Runtimes.exitBeforeNext(7)));

    for (int i = 0; i < 3; i++) {
      long started = System.nanoTime();
      InvokeResponse response = server.invoke(name, "{}");
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      String id = response.responseMetadata().requestId();
      assertThat(response.functionError()).isEqualTo("Unhandled");
      JsonNode error = json(response);
      assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
      assertThat(error.get("errorMessage").asText())
          .isEqualTo("RequestId: " + id + " Error: Runtime exited with error: exit status 7");
      assertThat(TestServer.logTail(response))
          .contains("leaving before the first /next\n")
          .containsPattern(
              "INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError");
      assertThat(elapsedMillis).as("answered at the exit, not at a timer").isLessThan(5000);
    }
  }

  @Test
  void aResponseOverSixMegabytesIsResponseSizeTooLarge() {
    String name = "response-7mb";
    server.create(name, TestZips.bootstrap(Runtimes.bigResponse(7L * 1024 * 1024)));

    InvokeResponse response = server.invoke(name, "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String())
        .isEqualTo(
            "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size"
                + " (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}");
  }

  @Test
  void aResponseOfExactlyTheLimitIsDelivered() {
    String name = "response-at-limit";
    server.create(name, TestZips.bootstrap(Runtimes.bigResponse(6291556)));

    InvokeResponse response = server.invoke(name, "{}");

    assertThat(response.functionError()).isNull();
    byte[] body = response.payload().asByteArray();
    assertThat(body.length).isEqualTo(6291556);
    assertThat(body[0]).isEqualTo((byte) 'x');
    assertThat(body[body.length - 1]).isEqualTo((byte) 'x');
  }

  @Test
  void aLargeResponsePostedWithCurlIsNotHeldUpByExpectContinue() {
    String name = "response-2mb-curl";
    // One full vCPU (1769 MB, as on Lambda): at 128 MB the function gets 7% of a CPU and curl's
    // own start-up takes ~600 ms there, which would hide what this test looks for.
    server.create(
        name, TestZips.bootstrap(Runtimes.bigResponse(2L * 1024 * 1024)), b -> b.memorySize(1769));
    server.invoke(name, "{}"); // cold start out of the way

    InvokeResponse response = server.invoke(name, "{}");

    assertThat(response.payload().asByteArray()).hasSize(2 * 1024 * 1024);
    Matcher m =
        Pattern.compile("\tDuration: (\\d+)\\.\\d\\d ms").matcher(TestServer.logTail(response));
    assertThat(m.find()).isTrue();
    // curl sends "Expect: 100-continue" for bodies over 1 MiB and waits 1 s for the 100 before
    // sending the body anyway; Lambda's Runtime API (Go net/http) answers 100 at once.
    assertThat(Long.parseLong(m.group(1))).as("invocation Duration in ms").isLessThan(900);
  }

  @Test
  void aLargePayloadSentWithCurlIsNotHeldUpByExpectContinue() throws Exception {
    String name = "payload-2mb-curl";
    server.create(name, TestZips.bootstrap(Runtimes.labelled("small answer")));
    server.invoke(name, "{}"); // cold start out of the way
    Path payload = root.resolve("payload-2mb.json");
    Files.writeString(payload, "\"" + "y".repeat(2 * 1024 * 1024) + "\"");
    Path body = root.resolve("payload-2mb.out");

    Process curl =
        new ProcessBuilder(
                "curl",
                "-sS",
                "-o",
                body.toString(),
                "-w",
                "%{http_code} %{time_starttransfer}",
                "--data-binary",
                "@" + payload,
                server.endpoint() + "/2015-03-31/functions/" + name + "/invocations")
            .redirectErrorStream(true)
            .start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(out).startsWith("200 ");
    assertThat(JSON.readTree(body.toFile()).get("label").asText()).isEqualTo("small answer");
    // curl sends "Expect: 100-continue" for bodies over 1 MiB and waits 1 s for the 100 before it
    // sends the body; the first byte it gets is the 100 (what the function then takes to answer
    // a 2 MB event at 128 MB's CPU share is not this test's concern).
    assertThat(Double.parseDouble(out.substring(4).trim()))
        .as("seconds until curl got the 100 Continue")
        .isLessThan(0.9);
  }

  // ---- concurrency limits ----

  @Test
  void reservedConcurrencyZeroThrottlesEveryInvoke() throws Exception {
    String name = "reserved-zero";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));

    TooManyRequestsException e =
        thrownBy(TooManyRequestsException.class, () -> server.invoke(name, "{}"));
    assertError(e, 429, "TooManyRequestsException", "Rate Exceeded.");
    assertThat(e.reason())
        .isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);

    HttpResponse<String> raw =
        server.send(
            "POST",
            "/2015-03-31/functions/" + name + "/invocations",
            "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(raw.statusCode()).isEqualTo(429);
    assertThat(raw.headers().firstValue("x-amzn-ErrorType")).hasValue("TooManyRequestsException");
    assertThat(JSON.readTree(raw.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"Type\":\"User\",\"message\":\"Rate Exceeded.\",\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}"));

    lambda.deleteFunctionConcurrency(b -> b.functionName(name));
    assertThat(server.invoke(name, "{\"again\":1}").payload().asUtf8String())
        .isEqualTo("{\"again\":1}");
  }

  @Test
  void reservedConcurrencyOneThrottlesTheSecondConcurrentInvoke() {
    String name = "reserved-one";
    server.create(name, TestZips.bootstrap(Runtimes.identity()), Map.of("SLEEP_SECONDS", "2"));
    // 2 s of sleep plus a cold start must not meet the default 3 s timeout on a loaded machine
    lambda.updateFunctionConfiguration(b -> b.functionName(name).timeout(15));
    lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(1));

    CompletableFuture<InvokeResponse> first =
        CompletableFuture.supplyAsync(() -> server.invoke(name, "{}"), threads);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.server().pool().counts(name).inFlight() == 1);

    TooManyRequestsException e =
        thrownBy(TooManyRequestsException.class, () -> server.invoke(name, "{}"));
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.reason())
        .isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
    assertThat(first.join().functionError()).isNull();
    assertThat(server.invoke(name, "{}").functionError()).as("the slot is free again").isNull();
  }

  // ---- code, deletion, environment ----

  @Test
  void updatingTheCodeOfAnIdleFunctionRunsTheNewCodeNext() {
    String name = "update-code-idle";
    server.create(name, TestZips.bootstrap(Runtimes.labelled("one")));
    JsonNode before = json(server.invoke(name, "{}"));
    assertThat(before.get("label").asText()).isEqualTo("one");
    String oldStream = before.get("stream").asText();
    assertThat(Processes.ofSandbox(oldStream)).isNotEmpty();

    lambda.updateFunctionCode(
        b ->
            b.functionName(name)
                .zipFile(SdkBytes.fromByteArray(TestZips.bootstrap(Runtimes.labelled("two")))));

    JsonNode after = json(server.invoke(name, "{}"));
    assertThat(after.get("label").asText()).isEqualTo("two");
    assertThat(after.get("stream").asText()).isNotEqualTo(oldStream);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Processes.ofSandbox(oldStream)).isEmpty());
  }

  @Test
  void deletingAFunctionStopsItsSandboxes() {
    String name = "delete-stops";
    server.create(name, TestZips.bootstrap(Runtimes.identity()));
    String stream = json(server.invoke(name, "{}")).get("stream").asText();
    Path scratch =
        server.dataDir().resolve("sandboxes").resolve(stream.substring(stream.indexOf(']') + 1));
    assertThat(Processes.ofSandbox(stream)).as("the warm sandbox before the delete").isNotEmpty();
    assertThat(scratch).as("the sandbox's scratch folder").isDirectory();

    lambda.deleteFunction(b -> b.functionName(name));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(Processes.ofSandbox(stream)).isEmpty();
              assertThat(scratch).doesNotExist();
            });
  }

  @Test
  void theRuntimeGetsLambdasEnvironmentAndRunsInTheTaskRoot() {
    String name = "env-dump";
    server.create(
        name,
        TestZips.bootstrap(Runtimes.envDump()),
        b -> b.memorySize(256).environment(e -> e.variables(Map.of("GREETING", "hello world"))));

    Map<String, String> env = parseEnv(server.invoke(name, "{}").payload().asUtf8String());

    assertThat(env)
        .containsEntry("AWS_LAMBDA_FUNCTION_NAME", name)
        .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name)
        .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        .containsEntry("_HANDLER", "function.handler")
        .containsEntry("AWS_REGION", "us-east-1")
        .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
        .containsEntry("LAMBDA_RUNTIME_DIR", "/var/runtime")
        .containsEntry("TZ", ":UTC")
        .containsEntry("LANG", "en_US.UTF-8")
        .containsEntry("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin")
        .containsEntry("GREETING", "hello world");
    assertThat(env.get("AWS_LAMBDA_RUNTIME_API")).matches("127\\.0\\.0\\.1:\\d+");
    String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
    assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME"))
        .matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}")
        .startsWith(today);
    assertThat(env.get("LAMBDA_TASK_ROOT")).isNotBlank();
    assertThat(env.get("PWD_ACTUAL"))
        .as("working directory")
        .isEqualTo(env.get("LAMBDA_TASK_ROOT"));
    assertThat(env).containsEntry("TASK_ROOT_HAS_BOOTSTRAP", "yes");

    Set<String> lambdaDefined =
        Set.of("PATH", "LANG", "TZ", "PWD", "OLDPWD", "SHLVL", "_", "TMPDIR", "PWD_ACTUAL");
    Set<String> leaked = new HashSet<>(System.getenv().keySet());
    leaked.retainAll(env.keySet());
    leaked.removeAll(lambdaDefined);
    leaked.removeIf(k -> k.startsWith("AWS_") || k.startsWith("LAMBDA_") || k.startsWith("_"));
    assertThat(leaked).as("variables inherited from Outlet's own environment").isEmpty();
  }

  // ---- the Runtime API, spoken by the test itself ----

  @Test
  void theRuntimeApiServesNextAndRefusesBadOrRepeatedResults(@TempDir Path dataDir)
      throws Exception {
    // the test speaks the Runtime API from outside the sandbox: that needs the sandbox on the
    // host's network (with a network of its own, its Runtime API is reachable only from inside)
    try (TestServer outlet =
        TestServer.start(
            dataDir, c -> c.withSandboxNetwork(dev.outlet.sandbox.SandboxNetwork.Mode.HOST))) {
      probeTheRuntimeApi(outlet);
    }
  }

  private void probeTheRuntimeApi(TestServer outlet) throws Exception {
    String name = "runtime-api-probe";
    outlet.create(
        name,
        TestZips.bootstrap(Runtimes.silent()),
        b ->
            b.timeout(30)
                .environment(
                    e -> e.variables(Map.of("RECORDER_URL", recorder.url() + "/" + name))));
    String payload = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
    long before = System.currentTimeMillis();

    CompletableFuture<InvokeResponse> invoke =
        CompletableFuture.supplyAsync(() -> outlet.invoke(name, payload), threads);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !recorder.bodies("/" + name + "/api").isEmpty());
    String api =
        "http://" + recorder.bodies("/" + name + "/api").get(0) + "/2018-06-01/runtime/invocation/";

    HttpResponse<String> next = runtimeApi("GET", api + "next", null);
    long after = System.currentTimeMillis();

    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo(payload);
    String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    assertThat(id).matches(UUID_PATTERN);
    long deadline =
        Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
    assertThat(deadline).isBetween(before + 30_000 - 50, after + 30_000 + 50);
    assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
        .hasValue(TestServer.functionArn(name));
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow())
        .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]");
    assertThat(next.headers().firstValue("Content-Type")).isPresent();

    HttpResponse<String> again = runtimeApi("GET", api + "next", null);
    assertThat(again.headers().firstValue("Lambda-Runtime-Aws-Request-Id"))
        .as("a /next during the invocation re-delivers it")
        .hasValue(id);

    HttpResponse<String> unknown =
        runtimeApi("POST", api + UUID.randomUUID() + "/response", "\"wrong id\"");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("errorType").asText())
        .isEqualTo("InvalidRequestID");

    HttpResponse<String> accepted = runtimeApi("POST", api + id + "/response", "\"from the test\"");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body())).isEqualTo(JSON.readTree("{\"status\":\"OK\"}"));

    InvokeResponse response = invoke.get(30, TimeUnit.SECONDS);
    assertThat(response.payload().asUtf8String()).isEqualTo("\"from the test\"");
    assertThat(response.responseMetadata().requestId()).as("x-amzn-RequestId").isEqualTo(id);

    HttpResponse<String> twice = runtimeApi("POST", api + id + "/response", "\"second answer\"");
    assertThat(twice.statusCode()).as("a second response: %s", twice.body()).isEqualTo(403);
    assertThat(JSON.readTree(twice.body()).get("errorType").asText())
        .isEqualTo("InvalidStateTransition");

    outlet.lambda().deleteFunction(b -> b.functionName(name));
  }

  // ---- restart ----

  @Test
  void aFunctionSurvivesARestartOfOutlet(@TempDir Path dataDir) {
    String name = "survives-restart";
    String firstStream;
    String sha;
    try (TestServer first = TestServer.start(dataDir)) {
      sha = first.create(name, TestZips.bootstrap(Runtimes.identity())).codeSha256();
      firstStream = json(first.invoke(name, "{}")).get("stream").asText();
      assertThat(Processes.ofSandbox(firstStream)).isNotEmpty();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Processes.ofSandbox(firstStream))
                    .as("the runtime after close()")
                    .isEmpty());

    try (TestServer second = TestServer.start(dataDir)) {
      assertThat(second.server().functionsLoaded()).isEqualTo(1);
      assertThat(second.lambda().getFunctionConfiguration(b -> b.functionName(name)).codeSha256())
          .isEqualTo(sha);
      InvokeResponse response = second.invoke(name, "{}");
      assertThat(response.functionError()).isNull();
      assertThat(json(response).get("count").asInt()).isEqualTo(1);
      assertThat(lastLine(TestServer.logTail(response)))
          .matches(report(response.responseMetadata().requestId(), 128, true));
    }
  }

  // ---- helpers ----

  private HttpResponse<String> runtimeApi(String method, String url, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      return server.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The REPORT line AWS writes, as a regex. */
  static String report(String requestId, int memoryMb, boolean cold) {
    return "REPORT RequestId: "
        + Pattern.quote(requestId)
        + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: "
        + memoryMb
        + " MB\tMax Memory Used: \\d+ MB\t"
        + (cold ? "Init Duration: \\d+\\.\\d\\d ms\t" : "");
  }

  /** The last line of a log text that ends with a newline. */
  static String lastLine(String log) {
    assertThat(log).endsWith("\n");
    String body = log.substring(0, log.length() - 1);
    return body.substring(body.lastIndexOf('\n') + 1);
  }

  private static JsonNode json(InvokeResponse response) {
    try {
      return JSON.readTree(response.payload().asByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(response.payload().asUtf8String(), e);
    }
  }

  private static Map<String, String> parseEnv(String text) {
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }
}
