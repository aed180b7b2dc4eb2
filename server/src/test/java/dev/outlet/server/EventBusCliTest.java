package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.PrintedJson;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventBridge event buses and pattern rules through {@code /usr/bin/aws events}, delivering to a
 * Python function written as AWS's documentation writes one, which prints what it received: a
 * custom bus, a rule whose pattern matches some events put on it and not others, an
 * InputTransformer, the whole event on the default bus, TestEventPattern, per-entry failures of
 * PutEvents, and rules that survive a restart.
 */
class EventBusCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "order-handler";

  private static final String HANDLER =
      """
      import json

      def lambda_handler(event, context):
          print("EVENT " + json.dumps(event, sort_keys=True))
          return {"ok": True}
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() throws IOException {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11: apt-get install python3")
        .isTrue();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    Path src = Files.createDirectories(root.resolve("src"));
    Files.writeString(src.resolve("lambda_function.py"), HANDLER);
    new CliFunctions(aws, root.resolve("zips"))
        .create(FN, "python3.11", "lambda_function.lambda_handler", FunctionFolders.zip(src));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<JsonNode> received(int count) {
    return PrintedJson.await(aws, FN, "EVENT ", count, Duration.ofSeconds(30));
  }

  @Test
  void patternRulesOnBusesSendMatchingEventsToTheFunction() throws Exception {
    JsonNode bus = aws.ok("events", "create-event-bus", "--name", "orders");
    assertThat(bus.get("EventBusArn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    assertThat(aws.fails("events", "create-event-bus", "--name", "orders"))
        .contains("ResourceAlreadyExistsException")
        .contains("Event bus orders already exists.");
    String pattern =
        "{\"source\":[\"shop\"],\"detail-type\":[\"Order Placed\"],"
            + "\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}";
    JsonNode rule =
        aws.ok(
            "events",
            "put-rule",
            "--name",
            "big-orders",
            "--event-bus-name",
            "orders",
            "--event-pattern",
            pattern);
    assertThat(rule.get("RuleArn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders/big-orders");
    Path targets = root.resolve("targets.json");
    Files.writeString(
        targets,
        "[{\"Id\":\"handler\",\"Arn\":\""
            + TestServer.functionArn(FN)
            + "\",\"InputTransformer\":{\"InputPathsMap\":{\"id\":\"$.detail.id\","
            + "\"total\":\"$.detail.total\"},\"InputTemplate\":"
            + "\"{\\\"order\\\": <id>, \\\"note\\\": \\\"order <id> of <total>\\\","
            + " \\\"rule\\\": \\\"<aws.events.rule-name>\\\"}\"}}]");
    aws.ok(
        "events",
        "put-targets",
        "--rule",
        "big-orders",
        "--event-bus-name",
        "orders",
        "--targets",
        "file://" + targets);
    // an event on the default bus with the same contents goes to no rule of "orders"
    aws.ok(
        "events",
        "put-events",
        "--entries",
        entries("default", "{\\\"id\\\":\\\"D0\\\",\\\"total\\\":999}"));

    JsonNode put =
        aws.ok(
            "events",
            "put-events",
            "--entries",
            "["
                + entry("orders", "{\\\"id\\\":\\\"A1\\\",\\\"total\\\":150}")
                + ","
                + entry("orders", "{\\\"id\\\":\\\"A2\\\",\\\"total\\\":50}")
                + ","
                + entry("orders", "not json")
                + ",{\"Source\":\"shop\",\"Detail\":\"{}\",\"EventBusName\":\"orders\"}]");
    assertThat(put.get("FailedEntryCount").asInt()).isEqualTo(2);
    JsonNode results = put.get("Entries");
    assertThat(results.get(0).get("EventId").asText()).isNotBlank();
    assertThat(results.get(1).get("EventId").asText()).isNotBlank();
    assertThat(results.get(2).get("ErrorCode").asText()).isEqualTo("MalformedDetail");
    assertThat(results.get(2).get("ErrorMessage").asText()).isEqualTo("Detail is malformed.");
    assertThat(results.get(3).get("ErrorCode").asText()).isEqualTo("InvalidArgument");
    assertThat(results.get(3).get("ErrorMessage").asText())
        .isEqualTo("Parameter DetailType is not valid. Reason: DetailType is a required argument.");

    List<JsonNode> got = received(1);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).get("order").asText()).isEqualTo("A1");
    assertThat(got.get(0).get("note").asText()).isEqualTo("order A1 of 150");
    assertThat(got.get(0).get("rule").asText()).isEqualTo("big-orders");

    // the whole event, from a rule of the default bus matching by prefix
    aws.ok(
        "events",
        "put-rule",
        "--name",
        "all-shops",
        "--event-pattern",
        "{\"source\":[{\"prefix\":\"sho\"}],\"detail\":{\"id\":[\"B1\"]}}");
    aws.ok(
        "events",
        "put-targets",
        "--rule",
        "all-shops",
        "--targets",
        "Id=whole,Arn=" + TestServer.functionArn(FN));
    aws.ok(
        "events",
        "put-events",
        "--entries",
        entries("default", "{\\\"id\\\":\\\"B1\\\",\\\"items\\\":[1,2]}"));
    JsonNode whole = received(2).get(1);
    assertThat(whole.get("source").asText()).isEqualTo("shop");
    assertThat(whole.get("detail-type").asText()).isEqualTo("Order Placed");
    assertThat(whole.get("account").asText()).isEqualTo(TestServer.ACCOUNT);
    assertThat(whole.get("region").asText()).isEqualTo("us-east-1");
    assertThat(whole.get("version").asText()).isEqualTo("0");
    assertThat(whole.at("/detail/items").toString()).isEqualTo("[1,2]");

    assertThat(
            aws.ok(
                    "events",
                    "test-event-pattern",
                    "--event-pattern",
                    pattern,
                    "--event",
                    whole.toString().replace("\"B1\"", "\"B1\",\"total\":101"))
                .get("Result")
                .asBoolean())
        .isTrue();
    assertThat(
            aws.fails(
                "events", "test-event-pattern", "--event-pattern", "{\"a\":1}", "--event", "{}"))
        .contains("InvalidEventPatternException");

    JsonNode buses = aws.ok("events", "list-event-buses");
    List<String> names = new ArrayList<>();
    buses.get("EventBuses").forEach(b -> names.add(b.get("Name").asText()));
    assertThat(names).containsExactly("default", "orders");
    assertThat(
            aws.ok("events", "describe-rule", "--name", "big-orders", "--event-bus-name", "orders")
                .get("EventPattern")
                .asText())
        .isEqualTo(pattern);
  }

  @Test
  void aRuleSendsToAQueueAndAnInvocationsDestinationIsAQueue() throws Exception {
    String url = aws.ok("sqs", "create-queue", "--queue-name", "audit").get("QueueUrl").asText();
    String queueArn = "arn:aws:sqs:us-east-1:000000000000:audit";
    aws.ok(
        "events", "put-rule", "--name", "to-queue", "--event-pattern", "{\"source\":[\"audit\"]}");
    aws.ok(
        "events",
        "put-targets",
        "--rule",
        "to-queue",
        "--targets",
        "Id=q,Arn=" + queueArn + ",InputPath=$.detail");
    aws.ok(
        "events",
        "put-events",
        "--entries",
        "[{\"Source\":\"audit\",\"DetailType\":\"Login\",\"Detail\":\"{\\\"user\\\":\\\"ann\\\"}\"}]");
    JsonNode got = receive(url);
    assertThat(JSON.readTree(got.get("Body").asText()).get("user").asText()).isEqualTo("ann");

    aws.ok(
        "lambda",
        "put-function-event-invoke-config",
        "--function-name",
        FN,
        "--destination-config",
        "OnSuccess={Destination=" + queueArn + "}");
    aws.ok(
        "lambda",
        "invoke",
        "--function-name",
        FN,
        "--invocation-type",
        "Event",
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        "{\"queued\":true}",
        root.resolve("event-out.json").toString());
    JsonNode record = JSON.readTree(receive(url).get("Body").asText());
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
    assertThat(record.get("requestPayload").toString()).isEqualTo("{\"queued\":true}");
    assertThat(record.get("responsePayload").toString()).isEqualTo("{\"ok\":true}");
    aws.ok("lambda", "delete-function-event-invoke-config", "--function-name", FN);
  }

  /** One message of {@code url}, long-polling up to 20 s. */
  private static JsonNode receive(String url) {
    JsonNode r = aws.ok("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "20");
    assertThat(r.path("Messages")).as(r.toString()).hasSize(1);
    JsonNode m = r.get("Messages").get(0);
    aws.ok(
        "sqs",
        "delete-message",
        "--queue-url",
        url,
        "--receipt-handle",
        m.get("ReceiptHandle").asText());
    return m;
  }

  @Test
  void patternRulesAndBusesSurviveARestart() throws Exception {
    Path data = root.resolve("restart");
    try (TestServer first = TestServer.start(data)) {
      AwsCli cli = new AwsCli(first.endpoint(), root.resolve("cli-restart"));
      cli.ok("events", "create-event-bus", "--name", "kept");
      cli.ok(
          "events",
          "put-rule",
          "--name",
          "r",
          "--event-bus-name",
          "kept",
          "--event-pattern",
          "{\"source\":[\"x\"]}");
    }
    try (TestServer second = TestServer.start(data)) {
      AwsCli cli = new AwsCli(second.endpoint(), root.resolve("cli-restart"));
      assertThat(
              cli.ok("events", "list-rules", "--event-bus-name", "kept")
                  .get("Rules")
                  .get(0)
                  .get("EventPattern")
                  .asText())
          .isEqualTo("{\"source\":[\"x\"]}");
      assertThat(cli.fails("events", "list-rules", "--event-bus-name", "gone"))
          .contains("ResourceNotFoundException")
          .contains("Event bus gone does not exist.");
      assertThat(cli.fails("events", "delete-event-bus", "--name", "default"))
          .contains("Cannot delete event bus default.");
      cli.ok("events", "delete-event-bus", "--name", "kept");
      assertThat(cli.fails("events", "describe-event-bus", "--name", "kept"))
          .contains("ResourceNotFoundException");
    }
  }

  private static String entries(String bus, String detail) {
    return "[" + entry(bus, detail) + "]";
  }

  private static String entry(String bus, String detail) {
    return "{\"Source\":\"shop\",\"DetailType\":\"Order Placed\",\"Detail\":\""
        + detail
        + "\",\"EventBusName\":\""
        + bus
        + "\"}";
  }
}
