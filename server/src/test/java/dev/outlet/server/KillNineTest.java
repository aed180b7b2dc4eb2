package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.Processes;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * What the API acknowledged survives a {@code kill -9} of Outlet, and the runtimes die with it.
 * Outlet runs as a real separate JVM ({@code outlet serve}), killed with SIGKILL.
 */
class KillNineTest {
  @TempDir Path data;

  @Test
  void functionsCodeConfigurationAndConcurrencySurviveAKillNineAndRuntimesDieWithOutlet()
      throws Exception {
    String marker = "killnine" + System.nanoTime();
    ServedOutlet first = ServedOutlet.start(data);
    GetFunctionConfigurationResponse before;
    try (LambdaClient lambda = TestServer.client(first.endpoint())) {
      lambda.createFunction(
          b ->
              b.functionName("survivor")
                  .runtime("provided.al2")
                  .role(TestServer.ROLE)
                  .handler(marker)
                  .memorySize(256)
                  .environment(e -> e.variables(Map.of("GREETING", "still here")))
                  .code(
                      c ->
                          c.zipFile(
                              software.amazon.awssdk.core.SdkBytes.fromByteArray(
                                  TestZips.zip()
                                      .executable(
                                          marker,
                                          IsolationTest.COMMAND_RUNTIME.replace(
                                              "sh -c \"$HANDLER_CMD\"", "echo \"$GREETING\""))
                                      .bytes()))));
      lambda.putFunctionConcurrency(
          b -> b.functionName("survivor").reservedConcurrentExecutions(7));
      before = lambda.getFunctionConfiguration(b -> b.functionName("survivor"));
      assertThat(lambda.invoke(b -> b.functionName("survivor")).payload().asUtf8String().strip())
          .isEqualTo("still here");
    }
    assertThat(Processes.withMarker(marker)).isNotEmpty();
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Processes.withMarker(marker).isEmpty());

    ServedOutlet second = ServedOutlet.start(data);
    try (LambdaClient lambda = TestServer.client(second.endpoint())) {
      GetFunctionConfigurationResponse after =
          lambda.getFunctionConfiguration(b -> b.functionName("survivor"));
      assertThat(after.codeSha256()).isEqualTo(before.codeSha256());
      assertThat(after.revisionId()).isEqualTo(before.revisionId());
      assertThat(after.memorySize()).isEqualTo(256);
      assertThat(after.environment().variables()).containsEntry("GREETING", "still here");
      assertThat(
              lambda
                  .getFunctionConcurrency(b -> b.functionName("survivor"))
                  .reservedConcurrentExecutions())
          .isEqualTo(7);
      assertThat(lambda.invoke(b -> b.functionName("survivor")).payload().asUtf8String().strip())
          .isEqualTo("still here");
    } finally {
      second.process().destroy(); // SIGTERM: a clean stop
      assertThat(second.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Processes.withMarker(marker).isEmpty());
  }
}
