package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.StreamedInvokes;
import dev.outlet.server.testkit.StreamedInvokes.Streamed;
import dev.outlet.server.testkit.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * InvokeWithResponseStream through the AWS SDK for Java v2 (its async client, as the SDK requires
 * for event streams), on functions written as AWS's documentation writes them: Node.js handlers
 * wrapped in {@code awslambda.streamifyResponse} (bytes reach the caller as the function writes
 * them; an error after the first bytes ends the stream with {@code InvokeComplete}'s error), and a
 * Python handler that answers whole (one chunk).
 */
class ResponseStreamingTest {
  @TempDir static Path root;
  private static TestServer server;
  private static LambdaAsyncClient lambda;
  private static final java.util.Map<String, String> urls = new java.util.HashMap<>();

  /** What one InvokeWithResponseStream delivered, each chunk with when it came. */
  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    Curl.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/node")))
        .as("Node.js not installed at /usr/bin/node: apt-get install nodejs")
        .isTrue();
    assumeThat(Files.isExecutable(Clusters.PYTHON))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
    AwsCli aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    CliFunctions functions = new CliFunctions(aws, root.resolve("zips"));
    for (String folder :
        List.of(
            "streaming",
            "streaming-slow",
            "streaming-fails",
            "url-streaming",
            "streaming-huge",
            "streaming-unended")) {
      functions.create(
          folder,
          "nodejs20.x",
          "index.handler",
          FunctionFolders.zip("nodejs", folder),
          "--timeout",
          "60"); // 200 MB on a busy machine
    }
    functions.create(
        "slow-past-timeout",
        "nodejs20.x",
        "index.handler",
        FunctionFolders.zip("nodejs", "streaming-slow"),
        "--timeout",
        "1");
    functions.create(
        "whole",
        "python3.11",
        "lambda_function.lambda_handler",
        FunctionFolders.zip("python", "hello"));
    functions.create(
        "raises",
        "python3.11",
        "lambda_function.lambda_handler",
        FunctionFolders.zip("python", "raises"));
    for (String function : List.of("url-streaming", "streaming", "streaming-fails", "whole")) {
      // the SDK: the Debian CLI predates --invoke-mode
      urls.put(
          function,
          server
              .lambda()
              .createFunctionUrlConfig(
                  b ->
                      b.functionName(function)
                          .authType(FunctionUrlAuthType.NONE)
                          .invokeMode(InvokeMode.RESPONSE_STREAM))
              .functionUrl());
    }
    lambda = StreamedInvokes.client(server.endpoint());
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static Streamed stream(InvokeWithResponseStreamRequest request) throws Exception {
    return StreamedInvokes.stream(lambda, request);
  }

  private static InvokeWithResponseStreamRequest.Builder named(String function) {
    return InvokeWithResponseStreamRequest.builder()
        .functionName(function)
        .payload(SdkBytes.fromUtf8String("{\"name\":\"stream\"}"));
  }

  @Test
  void aStreamingNodeFunctionsWritesArriveAsPayloadChunks() throws Exception {
    Streamed s = stream(named("streaming").build());
    assertThat(s.response().statusCode()).isEqualTo(200);
    assertThat(s.response().executedVersion()).isEqualTo("$LATEST");
    assertThat(s.response().responseStreamContentType()).isEqualTo("text/plain");
    assertThat(s.body()).isEqualTo("Hello, streaming world!");
    assertThat(s.chunks()).hasSizeGreaterThan(1);
    assertThat(s.complete()).isNotNull();
    assertThat(s.complete().errorCode()).isNull();
    assertThat(s.complete().logResult()).isNull();
  }

  @Test
  void aHandlerThatEndsItsStreamAndReturnsAtOnceSucceedsWithNoErrorLogged() throws Exception {
    // AWS's own example: end() is called and the handler returns while its bytes are on their way
    for (int i = 0; i < 10; i++) {
      Streamed s = stream(named("streaming").logType(LogType.TAIL).build());
      assertThat(s.body()).isEqualTo("Hello, streaming world!");
      assertThat(s.complete().errorCode()).isNull();
      String log =
          new String(Base64.getDecoder().decode(s.complete().logResult()), StandardCharsets.UTF_8);
      assertThat(log).contains("REPORT RequestId: ").doesNotContain("Invoke Error");
    }
  }

  @Test
  void aStreamPastTheFunctionsTimeoutEndsWithSandboxTimedout() throws Exception {
    Streamed s = stream(named("slow-past-timeout").build());
    assertThat(s.body()).isEqualTo("first");
    assertThat(s.complete().errorCode()).isEqualTo("Sandbox.Timedout");
    assertThat(s.complete().errorDetails()).contains("Task timed out after 1.00 seconds");
  }

  @Test
  void aHandlerThatNeverEndsItsStreamFailsAfterItsBytes() throws Exception {
    Streamed s = stream(named("streaming-unended").build());
    assertThat(s.body()).isEqualTo("unended");
    assertThat(s.complete().errorCode()).isNotNull();
    assertThat(s.complete().errorDetails()).contains("Response stream is not finished.");
  }

  @Test
  void theCallerReadsTheFirstBytesBeforeTheFunctionEnds() throws Exception {
    Streamed s = stream(named("streaming-slow").build());
    assertThat(s.body()).isEqualTo("firstsecond");
    assertThat(s.chunks().getFirst()).isEqualTo("first");
    long leadMillis = (s.completeNanos() - s.chunkNanos().getFirst()) / 1_000_000;
    assertThat(leadMillis).as("how long before the end the first chunk came").isGreaterThan(1000);
  }

  @Test
  void anErrorAfterTheFirstBytesEndsTheStreamWithItsTypeAndDocument() throws Exception {
    Streamed s = stream(named("streaming-fails").build());
    assertThat(s.body()).isEqualTo("partial ");
    assertThat(s.complete().errorCode()).isEqualTo("Error");
    assertThat(s.complete().errorDetails())
        .contains("\"errorType\":\"Error\"", "boom after the first bytes");
  }

  @Test
  void aFunctionThatAnswersWholeIsOneChunkAndTailsItsLog() throws Exception {
    Streamed s = stream(named("whole").logType(LogType.TAIL).build());
    assertThat(s.chunks()).hasSize(1);
    assertThat(s.body()).contains("Hello, stream!");
    assertThat(s.complete().errorCode()).isNull();
    String log =
        new String(Base64.getDecoder().decode(s.complete().logResult()), StandardCharsets.UTF_8);
    assertThat(log).contains("START RequestId: ", "Hello from print, stream", "REPORT RequestId: ");
  }

  @Test
  void aFunctionThatRaisesEndsWithItsErrorTypeAndNoChunk() throws Exception {
    Streamed s = stream(named("raises").build());
    assertThat(s.chunks()).isEmpty();
    assertThat(s.complete().errorCode()).isEqualTo("ValueError");
    assertThat(s.complete().errorDetails()).contains("value is required");
  }

  @Test
  void errorsBeforeTheStreamAreAwsErrorAnswers() throws Exception {
    assertThatThrownBy(() -> stream(named("no-such-function").build()))
        .cause()
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:");
    HttpResponse<String> event =
        server.send(
            "POST",
            "/2021-11-15/functions/streaming/response-streaming-invocations",
            "{}".getBytes(StandardCharsets.UTF_8),
            "X-Amz-Invocation-Type",
            "Event");
    assertThat(event.statusCode()).isEqualTo(400);
    assertThat(event.headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("ValidationException"));
    assertThat(event.body())
        .contains(
            "Value 'Event' at 'invocationType' failed to satisfy constraint: Member must satisfy"
                + " enum value set: [RequestResponse, DryRun]");
  }

  @Test
  void theBufferedInvokeOfAStreamingFunctionStillAnswersWhole() {
    assertThat(server.invoke("streaming-slow", "{}").payload().asUtf8String())
        .isEqualTo("firstsecond");
    var failed = server.invoke("streaming-fails", "{}");
    assertThat(failed.functionError()).as("the trailers' error, read whole").isEqualTo("Unhandled");
    assertThat(failed.payload().asUtf8String())
        .contains("\"errorType\":\"Error\"", "boom after the first bytes");
  }

  @Test
  void aResponseStreamUrlSendsThePreludesHeadThenTheBodyAsItIsWritten() throws Exception {
    Curl.Reply r = Curl.run(urls.get("url-streaming"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("content-type")).isEqualTo("text/plain");
    assertThat(r.header("x-custom-header")).isEqualTo("Example-Custom-Header");
    assertThat(r.all("set-cookie")).containsExactly("a=1", "b=2; Path=/");
    assertThat(r.header("x-amzn-requestid")).isNotBlank();
    assertThat(r.body()).isEqualTo("first second");
    String[] times =
        curl(
                "-o",
                "/dev/null",
                "-w",
                "%{time_starttransfer} %{time_total}",
                urls.get("url-streaming"))
            .split(" ");
    double lead = Double.parseDouble(times[1]) - Double.parseDouble(times[0]);
    assertThat(lead).as("seconds between the head and the end").isGreaterThan(1.0);
  }

  @Test
  void aResponseStreamUrlWithoutAPreludeIs200WithTheStreamsContentType() {
    Curl.Reply r = Curl.run(urls.get("streaming"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("text/plain");
    assertThat(r.body()).isEqualTo("Hello, streaming world!");
  }

  @Test
  void aResponseStreamUrlCutsTheBodyWhenTheFunctionFailsMidStream() throws Exception {
    Process p =
        new ProcessBuilder(
                Curl.CURL.toString(), "-s", "--max-time", "30", urls.get("streaming-fails"))
            .start();
    String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(body).isEqualTo("partial ");
    assertThat(p.exitValue()).as("curl saw the transfer cut, not a whole body").isNotZero();
  }

  @Test
  void aFunctionThatAnswersWholeIsMappedAsInBufferedMode() {
    Curl.Reply r = Curl.run(urls.get("whole"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"message\": \"Hello, world!\"}");
  }

  @Test
  void aStreamPastTwoHundredMegabytesEndsWithResponseSizeTooLarge() throws Exception {
    long[] bytes = {0};
    AtomicReference<InvokeWithResponseStreamCompleteEvent> complete = new AtomicReference<>();
    lambda
        .invokeWithResponseStream(
            named("streaming-huge").payload(SdkBytes.fromUtf8String("{}")).build(),
            InvokeWithResponseStreamResponseHandler.builder()
                .subscriber(
                    InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> bytes[0] += c.payload().asByteBuffer().remaining())
                        .onInvokeComplete(complete::set)
                        .build())
                .build())
        .get(120, TimeUnit.SECONDS);
    assertThat(bytes[0]).isGreaterThan(100L * 1024 * 1024).isLessThanOrEqualTo(200L * 1024 * 1024);
    assertThat(complete.get().errorCode()).isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(complete.get().errorDetails())
        .contains("Response payload size exceeded maximum allowed payload size (209715200 bytes).");
  }

  private static String curl(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(Curl.CURL.toString(), "-s", "-S", "--max-time", "30"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
