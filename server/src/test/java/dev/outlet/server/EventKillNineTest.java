package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * An {@code Event} invocation Outlet acknowledged (202) survives a {@code kill -9} of Outlet before
 * it ran: the next start runs it, once, and a later start does not run it again. Outlet runs as a
 * real separate JVM; the function is slow enough (2 s) that the kill always comes first.
 */
class EventKillNineTest {
  private static final String RUNTIME =
      """
      #!/bin/sh
      API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
      while true; do
        curl -sS -D /tmp/h -o /tmp/event "$API/invocation/next" || exit 1
        ID=$(grep -i '^lambda-runtime-aws-request-id:' /tmp/h | cut -d: -f2 | tr -d ' \\r')
        sleep 2
        echo "ran $(cat /tmp/event)"
        curl -sS -o /dev/null -X POST --data-binary @/tmp/event "$API/invocation/$ID/response"
      done
      """;

  @TempDir Path data;

  @Test
  void anAcknowledgedEventRunsAfterAKillNineAndOnlyOnce() throws Exception {
    String marker = "m" + System.nanoTime();
    ServedOutlet first = ServedOutlet.start(data);
    try (LambdaClient lambda = TestServer.client(first.endpoint())) {
      lambda.createFunction(
          b ->
              b.functionName("later")
                  .runtime("provided.al2")
                  .role(TestServer.ROLE)
                  .handler("main")
                  // sleep 2 plus two curls at 128 MB took 2.6-3.0 s here: Lambda's default 3 s
                  // timeout would turn a slow run into a retry a minute later
                  .timeout(10)
                  .code(
                      c ->
                          c.zipFile(
                              SdkBytes.fromByteArray(
                                  TestZips.zip().executable("bootstrap", RUNTIME).bytes()))));
      int status =
          lambda
              .invoke(
                  b ->
                      b.functionName("later")
                          .invocationType(InvocationType.EVENT)
                          .payload(SdkBytes.fromUtf8String("{\"marker\":\"" + marker + "\"}")))
              .statusCode();
      assertThat(status).isEqualTo(202);
    }
    first.killNine();

    ServedOutlet second = ServedOutlet.start(data);
    try (CloudWatchLogsClient logs = LogsApiSdkTest.client(second.endpoint())) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .ignoreException(ResourceNotFoundException.class) // no log line stored yet
          .until(() -> ran(logs, marker).size() == 1);
      // its log line comes before its response: wait until the journal has settled it too
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> pendingEvents() == 0);
    } finally {
      second.stop();
    }

    ServedOutlet third = ServedOutlet.start(data);
    try (CloudWatchLogsClient logs = LogsApiSdkTest.client(third.endpoint())) {
      Thread.sleep(5_000); // a resumed event would have started and finished its 2 s by now
      assertThat(ran(logs, marker)).hasSize(1);
    } finally {
      third.stop();
    }
  }

  private long pendingEvents() throws Exception {
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("invocations.db"));
        ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM pending_events")) {
      return rs.getLong(1);
    }
  }

  private static List<FilteredLogEvent> ran(CloudWatchLogsClient logs, String marker) {
    return logs.filterLogEvents(
            b -> b.logGroupName("/aws/lambda/later").filterPattern("\"ran\" \"" + marker + "\""))
        .events();
  }
}
