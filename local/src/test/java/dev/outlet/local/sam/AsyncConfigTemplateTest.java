package dev.outlet.local.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DeadLetterQueue} and {@code EventInvokeConfig} as {@link SamReader} reads them. */
class AsyncConfigTemplateTest {
  private static final String HEAD =
      """
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Worker:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: code/
            Handler: app.handler
            Runtime: python3.11
      """;
  private static final String QUEUES =
      """
        Dlq:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: dlq
        Failures:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: failures
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
  void readsADeadLetterQueueAndAnEventInvokeConfigWithQueueArns() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
                  DeadLetterQueue:
                    Type: SQS
                    TargetArn: !GetAtt Dlq.Arn
                  EventInvokeConfig:
                    MaximumRetryAttempts: 0
                    MaximumEventAgeInSeconds: '600'
                    DestinationConfig:
                      OnSuccess:
                        Type: Lambda
                        Destination: arn:aws:lambda:eu-west-1:123456789012:function:next
                      OnFailure:
                        Type: SQS
                        Destination: !GetAtt Failures.Arn
            """
                + QUEUES);
    SamFunction f = t.functions().get(0);
    assertThat(f.deadLetterTarget()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:dlq");
    assertThat(f.invokeConfig())
        .isEqualTo(
            new SamInvokeConfig(
                0,
                600,
                "arn:aws:lambda:eu-west-1:123456789012:function:next",
                "arn:aws:sqs:eu-west-1:123456789012:failures"));
    assertThat(t.warnings()).isEmpty();
  }

  @Test
  void aFunctionWithoutThemHasNeither() throws Exception {
    SamFunction f = read(HEAD).functions().get(0);
    assertThat(f.deadLetterTarget()).isNull();
    assertThat(f.invokeConfig()).isNull();
  }

  @Test
  void globalsApplyAndTheFunctionsKeysWin() throws Exception {
    SamTemplate t =
        read(
            """
            Globals:
              Function:
                DeadLetterQueue:
                  Type: SNS
                  TargetArn: arn:aws:sns:eu-west-1:123456789012:alarms
                EventInvokeConfig:
                  MaximumRetryAttempts: 1
                  MaximumEventAgeInSeconds: 120
            """
                + HEAD
                + """
                  EventInvokeConfig:
                    MaximumRetryAttempts: 2
            """);
    SamFunction f = t.functions().get(0);
    assertThat(f.deadLetterTarget()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:alarms");
    assertThat(f.invokeConfig()).isEqualTo(new SamInvokeConfig(2, 120, null, null));
  }

  @Test
  void aDestinationSamWouldCreateIsSkippedWithAWarning() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
                  EventInvokeConfig:
                    MaximumRetryAttempts: 1
                    DestinationConfig:
                      OnFailure:
                        Type: SQS
            """);
    assertThat(t.functions().get(0).invokeConfig())
        .isEqualTo(new SamInvokeConfig(1, null, null, null));
    assertThat(t.warnings())
        .containsExactly(
            "Resources.Worker.Properties.EventInvokeConfig.DestinationConfig.OnFailure."
                + "Destination: missing; SAM would create a SQS destination, Outlet does not:"
                + " destination skipped");
  }

  @Test
  void anUnusableDeadLetterQueueOrAnEmptyConfigIsIgnoredWithAWarning() throws Exception {
    SamTemplate t =
        read(
            HEAD
                + """
                  DeadLetterQueue:
                    Type: Kinesis
                    TargetArn: arn:aws:kinesis:eu-west-1:123456789012:stream/s
                  EventInvokeConfig:
                    DestinationConfig:
                      OnSuccess:
                        Type: SNS
            """);
    SamFunction f = t.functions().get(0);
    assertThat(f.deadLetterTarget()).isNull();
    assertThat(f.invokeConfig()).isNull();
    assertThat(t.warnings())
        .contains(
            "Resources.Worker.Properties.DeadLetterQueue.Type: Kinesis is not SQS or SNS,"
                + " dead-letter queue ignored",
            "Resources.Worker.Properties.EventInvokeConfig: nothing Outlet can set, ignored");
  }

  @Test
  void aRetryCountThatIsNotANumberFailsTheTemplate() {
    assertThatThrownBy(
            () ->
                read(
                    HEAD
                        + """
                          EventInvokeConfig:
                            MaximumRetryAttempts: twice
                    """))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Resources.Worker.Properties.EventInvokeConfig.MaximumRetryAttempts: 'twice' is not"
                + " a whole number");
  }
}
