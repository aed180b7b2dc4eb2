package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.AwsCli.Run;
import dev.outlet.server.testkit.Recorder;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventBridge scheduled rules on Outlet's endpoint, driven by the real AWS CLI ({@code aws events
 * ...}), fired into a real function, listed by {@code outlet schedules}, and kept across a restart.
 */
class SchedulesCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "ticked";

  @TempDir static Path root;
  private static TestServer server;
  private static Recorder recorder;
  private static Path work;

  @BeforeAll
  static void start() throws IOException {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    work = Files.createDirectories(root.resolve("work"));
    recorder = Recorder.start();
    String reporter =
        Runtimes.script(
            """
            while true; do
              next
              curl -sS -o /dev/null -X POST --data-binary "@$WORK/event" "$RECORDER_URL"
              respond '{}'
            done
            """);
    server.create(
        FN, TestZips.bootstrap(reporter), Map.of("RECORDER_URL", recorder.url() + "/fired"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (recorder != null) {
      recorder.close();
    }
  }

  @Test
  void rulesAndTargetsAreManagedWithTheAwsCliAsOnAws() {
    Run put =
        aws(
            "events",
            "put-rule",
            "--name",
            "nightly",
            "--schedule-expression",
            "cron(0 3 * * ? *)",
            "--description",
            "every night");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().path("RuleArn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/nightly");
    Run targets =
        aws(
            "events",
            "put-targets",
            "--rule",
            "nightly",
            "--targets",
            "Id=1,Arn=" + TestServer.functionArn(FN));
    assertThat(targets.exit()).as(targets.err()).isZero();
    assertThat(targets.json().path("FailedEntryCount").asInt()).isZero();
    JsonNode rule = aws("events", "describe-rule", "--name", "nightly").json();
    assertThat(rule.path("Name").asText()).isEqualTo("nightly");
    assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");
    assertThat(rule.path("State").asText()).isEqualTo("ENABLED");
    assertThat(rule.path("Description").asText()).isEqualTo("every night");
    assertThat(rule.path("EventBusName").asText()).isEqualTo("default");
    assertThat(aws("events", "list-rules", "--name-prefix", "night").json().path("Rules"))
        .extracting(r -> r.path("Name").asText())
        .containsExactly("nightly");
    JsonNode listed = aws("events", "list-targets-by-rule", "--rule", "nightly").json();
    assertThat(listed.path("Targets").get(0).path("Arn").asText())
        .isEqualTo(TestServer.functionArn(FN));
    JsonNode byTarget =
        aws("events", "list-rule-names-by-target", "--target-arn", TestServer.functionArn(FN))
            .json();
    assertThat(byTarget.path("RuleNames")).extracting(JsonNode::asText).containsExactly("nightly");
    assertThat(
            aws("events", "list-rule-names-by-target", "--target-arn", "arn:aws:sqs:x:1:none")
                .json()
                .path("RuleNames"))
        .isEmpty();

    assertThat(aws("events", "disable-rule", "--name", "nightly").exit()).isZero();
    assertThat(aws("events", "describe-rule", "--name", "nightly").json().path("State").asText())
        .isEqualTo("DISABLED");
    assertThat(aws("events", "enable-rule", "--name", "nightly").exit()).isZero();
    assertThat(aws("events", "describe-rule", "--name", "nightly").json().path("State").asText())
        .isEqualTo("ENABLED");
    Run bad =
        aws("events", "put-rule", "--name", "bad", "--schedule-expression", "rate(1 minutes)");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err())
        .contains(
            "(ValidationException) when calling the PutRule operation: Parameter"
                + " ScheduleExpression is not valid.");
    Run missing = aws("events", "describe-rule", "--name", "nope");
    assertThat(missing.err())
        .contains(
            "(ResourceNotFoundException) when calling the DescribeRule operation: Rule nope"
                + " does not exist on EventBus default.");
    Run busy = aws("events", "delete-rule", "--name", "nightly");
    assertThat(busy.err()).contains("Rule can't be deleted since it has targets.");
    assertThat(aws("events", "remove-targets", "--rule", "nightly", "--ids", "1").exit()).isZero();
    assertThat(aws("events", "delete-rule", "--name", "nightly").exit()).isZero();
    assertThat(aws("events", "list-rules", "--name-prefix", "night").json().path("Rules"))
        .isEmpty();
  }

  @Test
  void aOneMinuteRateFiresTheFunctionWithTheScheduledEventAMinuteAfterCreation() throws Exception {
    Instant before = Instant.now();
    assertThat(
            aws(
                    "events",
                    "put-rule",
                    "--name",
                    "every-minute",
                    "--schedule-expression",
                    "rate(1 minute)")
                .exit())
        .isZero();
    Instant after = Instant.now();
    assertThat(
            aws(
                    "events",
                    "put-targets",
                    "--rule",
                    "every-minute",
                    "--targets",
                    "Id=t,Arn=" + TestServer.functionArn(FN))
                .exit())
        .isZero();
    LocalInvokeCommandTest.Result listed =
        LocalInvokeCommandTest.run("schedules", "--endpoint", server.endpoint());
    assertThat(listed.status()).as(listed.err()).isZero();
    String row =
        listed.out().lines().filter(l -> l.startsWith("every-minute ")).findFirst().orElseThrow();
    String[] cells = row.split("\\s{2,}");
    assertThat(cells).containsSubsequence("every-minute", "rate(1 minute)", "ENABLED", FN);
    Instant next = Instant.parse(cells[4]);
    assertThat(next).isBetween(before.plusSeconds(59), after.plusSeconds(61));
    assertThat(listed.out().lines().findFirst().orElseThrow().split("\\s{2,}"))
        .containsExactly("NAME", "EXPRESSION", "STATE", "TARGET", "NEXT FIRE (UTC)");

    // The scheduler is driven by its clock; rather than wait a real minute, ask it what is due
    // at the announced instant (the same call its timer makes every second).
    var scheduler = server.server().schedules().scheduler();
    Instant due = scheduler.nextFire("every-minute").orElseThrow();
    assertThat(scheduler.tick(due.minusMillis(1500))).isZero();
    assertThat(scheduler.tick(due)).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.bodies("/fired").isEmpty());
    JsonNode event = JSON.readTree(recorder.bodies("/fired").get(0));
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("account").asText()).isEqualTo(TestServer.ACCOUNT);
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");
    assertThat(event.path("resources").get(0).asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/every-minute");
    assertThat(Instant.parse(event.path("time").asText())).isBetween(due.minusSeconds(1), due);
    assertThat(scheduler.nextFire("every-minute")).contains(due.plusSeconds(60));
    aws("events", "remove-targets", "--rule", "every-minute", "--ids", "t");
    aws("events", "delete-rule", "--name", "every-minute");
  }

  @Test
  void acknowledgedRulesSurviveARestart(@TempDir Path data) {
    TestServer first = TestServer.start(data);
    String endpoint = first.endpoint();
    try {
      Run put =
          awsAt(
              endpoint,
              "events",
              "put-rule",
              "--name",
              "kept",
              "--schedule-expression",
              "rate(5 minutes)",
              "--state",
              "DISABLED");
      assertThat(put.exit()).as(put.err()).isZero();
      assertThat(
              awsAt(
                      endpoint,
                      "events",
                      "put-targets",
                      "--rule",
                      "kept",
                      "--targets",
                      "Id=a,Arn=" + TestServer.functionArn("any"))
                  .exit())
          .isZero();
    } finally {
      first.close();
    }
    try (TestServer second = TestServer.start(data)) {
      JsonNode rule = awsAt(second.endpoint(), "events", "describe-rule", "--name", "kept").json();
      assertThat(rule.path("State").asText()).isEqualTo("DISABLED");
      assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("rate(5 minutes)");
      assertThat(
              awsAt(second.endpoint(), "events", "list-targets-by-rule", "--rule", "kept")
                  .json()
                  .path("Targets")
                  .get(0)
                  .path("Id")
                  .asText())
          .isEqualTo("a");
    }
  }

  @Test
  void malformedEventBridgeRequestsGetAwsErrorsAndChangeNothing() throws Exception {
    var unknown =
        server.send(
            "POST",
            "/",
            "{}".getBytes(),
            "X-Amz-Target",
            "AWSEvents.PutPartnerEvents",
            "Content-Type",
            "application/x-amz-json-1.1");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType"))
        .contains("UnknownOperationException");
    var notJson =
        server.send(
            "POST",
            "/",
            "{nope".getBytes(),
            "X-Amz-Target",
            "AWSEvents.PutRule",
            "Content-Type",
            "application/x-amz-json-1.1");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).path("__type").asText())
        .isEqualTo("SerializationException");
    var pattern =
        server.send(
            "POST",
            "/",
            "{\"Name\":\"p\",\"EventPattern\":\"{}\"}".getBytes(),
            "X-Amz-Target",
            "AWSEvents.PutRule",
            "Content-Type",
            "application/x-amz-json-1.1");
    assertThat(pattern.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(pattern.body()).path("__type").asText())
        .isEqualTo("InvalidEventPatternException");
    assertThat(JSON.readTree(pattern.body()).path("message").asText())
        .isEqualTo("Event pattern is not valid. Reason: Empty objects are not allowed");
    var badName =
        server.send(
            "POST",
            "/",
            "{\"Name\":\"a b\",\"ScheduleExpression\":\"rate(1 day)\"}".getBytes(),
            "X-Amz-Target",
            "AWSEvents.PutRule",
            "Content-Type",
            "application/x-amz-json-1.1");
    assertThat(JSON.readTree(badName.body()).path("__type").asText())
        .isEqualTo("ValidationException");
    assertThat(aws("events", "list-rules", "--name-prefix", "p").json().path("Rules")).isEmpty();
    assertThat(aws("events", "list-rules", "--name-prefix", "a").json().path("Rules")).isEmpty();
  }

  private static Run aws(String... args) {
    return awsAt(server.endpoint(), args);
  }

  private static Run awsAt(String endpoint, String... args) {
    return new AwsCli(endpoint, work).run(args);
  }
}
