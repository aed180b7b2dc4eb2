package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aws logs ...} from the Debian AWS CLI v2 at exactly /usr/bin/aws against a real Outlet.
 * Every call passes {@code --endpoint-url}: this CLI version ignores {@code AWS_ENDPOINT_URL} and
 * would otherwise contact AWS.
 */
class LogsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "logs-cli";
  private static final String GROUP = "/aws/lambda/" + NAME;
  private static final String FOLLOW = "logs-cli-follow";
  private static final String FOLLOW_GROUP = "/aws/lambda/" + FOLLOW;

  @TempDir static Path work;
  private static TestServer server;

  /** Prints {@code line N of 5}; with {@code {"marker":"M"}} prints M, then sleeps 8 s. */
  private static final String RUNTIME =
      """
      #!/bin/sh
      API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
      WORK="${TMPDIR:-/tmp}/logs-runtime.$$"
      mkdir -p "$WORK"
      while true; do
        curl -sS -D "$WORK/headers" -o "$WORK/event" "$API/invocation/next" || exit 1
        ID=$(grep -i '^lambda-runtime-aws-request-id:' "$WORK/headers" | cut -d: -f2 | tr -d ' \\r')
        MARKER=$(sed -n 's/.*"marker":"\\([^"]*\\)".*/\\1/p' "$WORK/event")
        if [ -n "$MARKER" ]; then
          echo "$MARKER"
          sleep 8
        else
          for i in 1 2 3 4 5; do echo "line $i of 5"; done
        fi
        curl -sS -o /dev/null -X POST --data-binary '"done"' "$API/invocation/$ID/response"
      done
      """;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(work.resolve("data"));
    server.create(NAME, TestZips.bootstrap(RUNTIME), b -> b.timeout(30));
    server.create(FOLLOW, TestZips.bootstrap(RUNTIME), b -> b.timeout(30));
    server.invoke(NAME, "{}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !server.server().logs().streams(GROUP).isEmpty()
                    && lastMessage().startsWith("REPORT"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void filterLogEventsWithAPatternReturnsTheReportLines() {
    List<String> reports = filter("REPORT");
    assertThat(reports).singleElement().asString().startsWith("REPORT RequestId: ");
    assertThat(filter("\"line 3\" -REPORT")).containsExactly("line 3 of 5");
  }

  @Test
  void tailPrintsTheLines() {
    Run tail = aws("logs", "tail", GROUP, "--since", "1h", "--format", "short");
    assertThat(tail.exit()).as(tail.err()).isZero();
    assertThat(tail.out()).contains("line 1 of 5", "line 5 of 5", "REPORT RequestId: ");
  }

  @Test
  void tailFollowShowsALinePrintedDuringARunningInvocation() throws Exception {
    String marker = "marker-" + UUID.randomUUID();
    Process follow =
        process(
            List.of(
                "logs", "tail", FOLLOW_GROUP, "--follow", "--since", "1m", "--format", "detailed"),
            null,
            work.resolve("follow.err"));
    try {
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread.ofVirtual().start(() -> readLines(follow, lines));
      CompletableFuture<String> invocation =
          CompletableFuture.supplyAsync(
              () ->
                  server
                      .invoke(FOLLOW, "{\"marker\":\"" + marker + "\"}")
                      .payload()
                      .asUtf8String());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> lines.stream().anyMatch(l -> l.endsWith(" " + marker)));
      assertThat(invocation).as("the invocation is still running").isNotDone();
      assertThat(lines.stream().filter(l -> l.endsWith(marker)).findFirst().orElseThrow())
          .as("detailed format: timestamp, stream, message")
          .contains("/[$LATEST]");
      assertThat(invocation.get(30, TimeUnit.SECONDS)).isEqualTo("\"done\"");
    } finally {
      follow.destroy();
      if (!follow.waitFor(5, TimeUnit.SECONDS)) {
        follow.destroyForcibly();
      }
    }
  }

  @Test
  void getLogEventsPagesForwardAndBackward() throws IOException {
    String stream = stream();
    JsonNode head =
        json(
            aws(
                "logs",
                "get-log-events",
                "--log-group-name",
                GROUP,
                "--log-stream-name",
                stream,
                "--start-from-head",
                "--limit",
                "3"));
    JsonNode next =
        json(
            aws(
                "logs",
                "get-log-events",
                "--log-group-name",
                GROUP,
                "--log-stream-name",
                stream,
                "--limit",
                "3",
                "--next-token",
                head.get("nextForwardToken").asText()));
    JsonNode back =
        json(
            aws(
                "logs",
                "get-log-events",
                "--log-group-name",
                GROUP,
                "--log-stream-name",
                stream,
                "--limit",
                "3",
                "--next-token",
                next.get("nextBackwardToken").asText()));
    assertThat(messages(head)).hasSize(3);
    assertThat(messages(next)).hasSize(3).doesNotContainAnyElementsOf(messages(head));
    assertThat(messages(back)).isEqualTo(messages(head));
    assertThat(messages(head).get(0)).matches("(INIT_START|START) .*");
  }

  @Test
  void describeLogStreamsListsTheFunctionsStream() throws IOException {
    JsonNode streams =
        json(
            aws(
                "logs",
                "describe-log-streams",
                "--log-group-name",
                GROUP,
                "--order-by",
                "LastEventTime",
                "--descending"));
    JsonNode s = streams.at("/logStreams/0");
    assertThat(s.get("logStreamName").asText())
        .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
    assertThat(s.get("lastEventTimestamp").asLong())
        .isGreaterThanOrEqualTo(s.get("firstEventTimestamp").asLong());
    assertThat(s.get("arn").asText())
        .startsWith("arn:aws:logs:us-east-1:000000000000:log-group:" + GROUP);
    Run missing = aws("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/nobody");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err())
        .contains("ResourceNotFoundException")
        .contains("The specified log group does not exist.");
  }

  private static String stream() {
    return server.server().logs().streams(GROUP).get(0).name();
  }

  /** The newest message of the function's stream, straight from the store. */
  private static String lastMessage() {
    var newest =
        server.server().logs().streamEvents(GROUP, stream(), 0, Long.MAX_VALUE, null, false, 1);
    return newest.isEmpty() ? "" : newest.get(0).message();
  }

  private static List<String> filter(String pattern) {
    try {
      JsonNode out =
          json(
              aws(
                  "logs",
                  "filter-log-events",
                  "--log-group-name",
                  GROUP,
                  "--filter-pattern",
                  pattern));
      List<String> messages = new ArrayList<>();
      out.get("events").forEach(e -> messages.add(e.get("message").asText()));
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> messages(JsonNode page) {
    List<String> messages = new ArrayList<>();
    page.get("events").forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }

  private static JsonNode json(Run run) throws IOException {
    assertThat(run.exit()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static void readLines(Process p, List<String> into) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        into.add(line);
      }
    } catch (IOException e) {
      // the process was destroyed
    }
  }

  private record Run(int exit, String out, String err) {}

  /** Runs the CLI to completion with a bounded wait. */
  private static Run aws(String... args) {
    try {
      Path out = Files.createTempFile(work, "aws", ".out");
      Path err = Files.createTempFile(work, "aws", ".err");
      Process p = process(List.of(args), out, err);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts the CLI isolated from any profile, always with {@code --endpoint-url}. */
  private static Process process(List<String> args, Path out, Path err) throws IOException {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--color", "off"));
    ProcessBuilder pb = AwsCli.command(server.endpoint(), work, all).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put("PYTHONUNBUFFERED", "1"); // tail --follow's lines reach the pipe as printed
    if (out != null) {
      pb.redirectOutput(out.toFile());
    }
    return pb.start();
  }
}
