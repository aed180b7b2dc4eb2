package dev.outlet.local.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AWS::SQS::Queue} resources and {@code SQS} events as {@link SamReader} reads them. */
class QueueTemplateTest {
  private static final String HEAD =
      """
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Consumer:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: code/
            Handler: app.handler
            Runtime: python3.11
      """;

  @TempDir Path dir;

  private SamTemplate read(String yaml) throws Exception {
    Files.createDirectories(dir.resolve("code"));
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return new SamReader("eu-west-1", "123456789012", "http://127.0.0.1:9070/")
        .read(file, "shop", Map.of());
  }

  @Test
  void readsAQueueWithADeadLetterQueueAndResolvesItsArnNameAndUrl() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
                  Environment:
                    Variables:
                      URL: !Ref Orders
                      ARN: !GetAtt Orders.Arn
                      NAME: !GetAtt Orders.QueueName
                      SUB: !Sub '${Orders.QueueName}@${AWS::Region}'
              Orders:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: orders
                  VisibilityTimeout: 60
                  MessageRetentionPeriod: '86400'
                  DelaySeconds: 2
                  ReceiveMessageWaitTimeSeconds: 20
                  MaximumMessageSize: 1024
                  KmsMasterKeyId: alias/aws/sqs
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt Dlq.Arn
                    maxReceiveCount: 3
                  Tags:
                    - {Key: team, Value: shop}
              Dlq:
                Type: AWS::SQS::Queue
            """);
    assertThat(t.queues()).extracting(SamQueue::logicalId).containsExactly("Dlq", "Orders");
    SamQueue dlq = t.queues().get(0);
    assertThat(dlq.name()).matches("shop-Dlq-[A-Z0-9]{12}");
    SamQueue orders = t.queues().get(1);
    assertThat(orders.name()).isEqualTo("orders");
    assertThat(orders.arn()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:orders");
    assertThat(orders.url()).isEqualTo("http://127.0.0.1:9070/123456789012/orders");
    assertThat(orders.attributes())
        .containsOnly(
            Map.entry("VisibilityTimeout", "60"),
            Map.entry("MessageRetentionPeriod", "86400"),
            Map.entry("DelaySeconds", "2"),
            Map.entry("ReceiveMessageWaitTimeSeconds", "20"),
            Map.entry("MaximumMessageSize", "1024"),
            Map.entry(
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:123456789012:"
                    + dlq.name()
                    + "\",\"maxReceiveCount\":3}"));
    assertThat(orders.tags()).containsExactly(Map.entry("team", "shop"));
    assertThat(t.functions().get(0).environment())
        .containsEntry("URL", "http://127.0.0.1:9070/123456789012/orders")
        .containsEntry("ARN", "arn:aws:sqs:eu-west-1:123456789012:orders")
        .containsEntry("NAME", "orders")
        .containsEntry("SUB", "orders@eu-west-1");
    assertThat(t.warnings())
        .containsExactly(
            "Resources.Orders.Properties.KmsMasterKeyId: not supported by Outlet, ignored");
  }

  @Test
  void aDerivedQueueNameIsTheSameOnEveryReadAndDiffersPerStackAndQueue() {
    String a = QueueReader.derivedName("shop", "Orders", false);
    assertThat(QueueReader.derivedName("shop", "Orders", false)).isEqualTo(a);
    assertThat(QueueReader.derivedName("shop2", "Orders", false)).isNotEqualTo(a);
    assertThat(QueueReader.derivedName("shop", "Other", false)).isNotEqualTo(a);
    assertThat(QueueReader.derivedName("shop", "Orders", true)).endsWith(".fifo");
    String longName = QueueReader.derivedName("s".repeat(70), "Q".repeat(40), true);
    assertThat(longName).hasSize(80).endsWith(".fifo");
  }

  @Test
  void aFifoQueueKeepsContentBasedDeduplicationAndNeedsTheSuffix() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
              Jobs:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
                  ContentBasedDeduplication: true
            """);
    SamQueue q = t.queues().get(0);
    assertThat(q.fifo()).isTrue();
    assertThat(q.name()).endsWith(".fifo");
    assertThat(q.attributes())
        .containsOnly(
            Map.entry("FifoQueue", "true"), Map.entry("ContentBasedDeduplication", "true"));
    assertThatThrownBy(
            () ->
                read(
                    HEAD
                        + """
              Jobs:
                Type: AWS::SQS::Queue
                Properties: {FifoQueue: true, QueueName: jobs}
            """))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Resources.Jobs.Properties.QueueName: 'jobs' must end with .fifo");
  }

  @Test
  void readsAnSqsEventWithAYamlAndAJsonFilterPattern() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
                  Events:
                    New:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Orders.Arn
                        BatchSize: 25
                        MaximumBatchingWindowInSeconds: 2
                        Enabled: false
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        ScalingConfig: {MaximumConcurrency: 5}
                        FilterCriteria:
                          Filters:
                            - Pattern:
                                body:
                                  kind: [order]
                            - Pattern: '{"body": {"kind": ["refund"]}}'
                    Plain:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:eu-west-1:123456789012:other
                    ByUrl:
                      Type: SQS
                      Properties:
                        Queue: !Ref Orders
              Orders:
                Type: AWS::SQS::Queue
                Properties: {QueueName: orders}
            """);
    assertThat(t.functions().get(0).events())
        .containsExactly(
            new SamEvent.Sqs(
                "New",
                "arn:aws:sqs:eu-west-1:123456789012:orders",
                25,
                2,
                false,
                List.of(
                    "{\"body\":{\"kind\":[\"order\"]}}", "{\"body\": {\"kind\": [\"refund\"]}}"),
                List.of("ReportBatchItemFailures"),
                5),
            new SamEvent.Sqs(
                "Plain",
                "arn:aws:sqs:eu-west-1:123456789012:other",
                10,
                0,
                true,
                List.of(),
                List.of(),
                null));
    assertThat(t.warnings())
        .containsExactly(
            "Resources.Consumer.Properties.Events.ByUrl.Properties.Queue:"
                + " 'http://127.0.0.1:9070/123456789012/orders' is not a queue ARN"
                + " (!GetAtt MyQueue.Arn), event ignored");
  }

  @Test
  void anSqsEventWithABadBatchSizeOrPatternIsIgnoredWithAWarning() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
                  Events:
                    A:
                      Type: SQS
                      Properties: {Queue: 'arn:aws:sqs:eu-west-1:1:q', BatchSize: lots}
                    B:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:eu-west-1:1:q
                        FilterCriteria: {Filters: [{Pattern: '{not json'}]}
            """);
    assertThat(t.functions().get(0).events()).isEmpty();
    assertThat(t.warnings()).hasSize(2);
    assertThat(t.warnings().get(0))
        .isEqualTo(
            "Resources.Consumer.Properties.Events.A.Properties.BatchSize: 'lots' is not a whole"
                + " number, event ignored");
    assertThat(t.warnings().get(1))
        .startsWith(
            "Resources.Consumer.Properties.Events.B.Properties.FilterCriteria.Filters.Pattern: not JSON");
  }
}
