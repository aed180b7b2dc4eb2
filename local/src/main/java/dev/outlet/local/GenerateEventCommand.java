package dev.outlet.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code outlet local generate-event}: sample events in the shapes AWS services send. */
@Command(
    name = "generate-event",
    description = {
      "Prints a sample event as the service sends it to Lambda:",
      "  apigateway http-api     HTTP API, payload format 2.0 (default for apigateway)",
      "  apigateway aws-proxy    REST API proxy integration, payload format 1.0",
      "  sqs receive-message     an SQS batch of one message",
      "  sns notification        an SNS notification",
      "  s3 put                  ObjectCreated:Put",
      "  schedule scheduled-event  EventBridge Scheduled Event (also: eventbridge,"
          + " cloudwatch scheduled-event)",
      "  eventbridge event       an event put on a bus (--source, --detail-type, --detail)",
      "Exit status 2 for an unknown service or type."
    },
    mixinStandardHelpOptions = true)
public final class GenerateEventCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SERVICE")
  String service;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE")
  String type;

  @Option(names = "--method", defaultValue = "GET", description = "HTTP method (apigateway)")
  String method;

  @Option(names = "--path", defaultValue = "/", description = "Request path (apigateway)")
  String path;

  @Option(names = "--query", defaultValue = "", description = "Query string, a=1&b=2 (apigateway)")
  String query;

  @Option(names = "--body", description = "Body (apigateway), message (sqs, sns)")
  String body;

  @Option(names = "--stage", defaultValue = "$default", description = "Stage (apigateway)")
  String stage;

  @Option(names = "--api-id", defaultValue = "1234567890", description = "API id (apigateway)")
  String apiId;

  @Option(names = "--queue", defaultValue = "my-queue", description = "Queue name (sqs)")
  String queue;

  @Option(names = "--topic", defaultValue = "my-topic", description = "Topic name (sns)")
  String topic;

  @Option(names = "--subject", defaultValue = "example subject", description = "Subject (sns)")
  String subject;

  @Option(names = "--bucket", defaultValue = "example-bucket", description = "Bucket (s3)")
  String bucket;

  @Option(names = "--key", defaultValue = "test/key", description = "Object key (s3)")
  String key;

  @Option(names = "--size", defaultValue = "1024", description = "Object size (s3)")
  long size;

  @Option(names = "--rule", defaultValue = "my-schedule", description = "Rule name (schedule)")
  String rule;

  @Option(
      names = "--source",
      defaultValue = "com.example.shop",
      description = "Source (eventbridge)")
  String source;

  @Option(
      names = "--detail-type",
      defaultValue = "Order Placed",
      description = "detail-type (eventbridge)")
  String detailType;

  @Option(
      names = "--detail",
      defaultValue = "{\"orderId\":\"1234\"}",
      description = "detail, a JSON object (eventbridge)")
  String detail;

  @Option(names = "--event-bus", defaultValue = "default", description = "Bus (eventbridge)")
  String bus;

  @Option(names = "--region", defaultValue = "us-east-1")
  String region;

  @Option(names = "--account", defaultValue = "123456789012")
  String account;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    SampleEvents events = new SampleEvents(region, account, Instant.now());
    String kind = service + " " + (type == null ? "" : type);
    com.fasterxml.jackson.databind.JsonNode detailJson;
    try {
      detailJson = new ObjectMapper().readTree(detail);
    } catch (JsonProcessingException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("Error: --detail is not JSON: " + e.getOriginalMessage());
      err.flush();
      return 2;
    }
    ObjectNode event =
        switch (kind.trim()) {
          case "apigateway", "apigateway http-api", "apigateway http-api-proxy" ->
              events.httpApi(method, path, query, body, stage, apiId);
          case "apigateway aws-proxy", "apigateway rest-api" ->
              events.restApi(
                  method, path, query, body, "$default".equals(stage) ? "Prod" : stage, apiId);
          case "sqs", "sqs receive-message" ->
              events.sqs(queue, body == null ? "Hello from SQS!" : body);
          case "sns", "sns notification" ->
              events.sns(topic, subject, body == null ? "Hello from SNS!" : body);
          case "s3", "s3 put" -> events.s3Put(bucket, key, size);
          case "schedule",
              "schedule scheduled-event",
              "eventbridge",
              "eventbridge scheduled-event",
              "cloudwatch scheduled-event" ->
              events.scheduled(rule);
          case "eventbridge event", "eventbridge put-events" ->
              events.eventBridge(source, detailType, detailJson, bus);
          default -> null;
        };
    if (event == null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "Error: unknown event '" + kind.trim() + "'; see outlet local generate-event --help");
      err.flush();
      return 2;
    }
    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(event));
    out.flush();
    return 0;
  }
}
