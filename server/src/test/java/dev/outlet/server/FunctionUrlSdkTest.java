package dev.outlet.server;

import static dev.outlet.server.testkit.AwsErrors.assertError;
import static dev.outlet.server.testkit.AwsErrors.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Function URL operations through the AWS SDK for Java v2's LambdaClient. */
class FunctionUrlSdkTest {
  @TempDir Path root;

  @Test
  void theSdkCreatesBufferedUrlsWithCorsAndGetsAwsErrors() {
    try (TestServer s = TestServer.start(root.resolve("data"))) {
      s.create("fn", TestZips.bootstrap(Runtimes.echo()));
      CreateFunctionUrlConfigResponse created =
          s.lambda()
              .createFunctionUrlConfig(
                  b ->
                      b.functionName(TestServer.functionArn("fn"))
                          .authType(FunctionUrlAuthType.NONE)
                          .invokeMode(InvokeMode.BUFFERED)
                          .cors(c -> c.allowOrigins("*").allowMethods("GET").maxAge(30)));
      assertThat(created.invokeMode()).isEqualTo(InvokeMode.BUFFERED);
      assertThat(created.cors().allowOrigins()).containsExactly("*");
      assertThat(created.cors().maxAge()).isEqualTo(30);
      assertThat(created.functionArn()).isEqualTo(TestServer.functionArn("fn"));
      assertThat(created.creationTime()).isNotBlank();

      ResourceConflictException again =
          thrownBy(
              ResourceConflictException.class,
              () ->
                  s.lambda()
                      .createFunctionUrlConfig(
                          b -> b.functionName("fn").authType(FunctionUrlAuthType.NONE)));
      assertThat(again.statusCode()).isEqualTo(409);

      assertThat(
              s.lambda()
                  .listFunctionUrlConfigs(b -> b.functionName("fn"))
                  .functionUrlConfigs()
                  .get(0)
                  .functionUrl())
          .isEqualTo(created.functionUrl());

      s.create("streamer", TestZips.bootstrap(Runtimes.echo()));
      assertThat(
              s.lambda()
                  .createFunctionUrlConfig(
                      b ->
                          b.functionName("streamer")
                              .authType(FunctionUrlAuthType.NONE)
                              .invokeMode(InvokeMode.RESPONSE_STREAM))
                  .invokeMode())
          .isEqualTo(InvokeMode.RESPONSE_STREAM);

      s.create("urlless", TestZips.bootstrap(Runtimes.echo()));
      ResourceNotFoundException none =
          thrownBy(
              ResourceNotFoundException.class,
              () -> s.lambda().getFunctionUrlConfig(b -> b.functionName("urlless")));
      assertError(
          none, 404, "ResourceNotFoundException", "The resource you requested does not exist.");
      ResourceNotFoundException aliased =
          thrownBy(
              ResourceNotFoundException.class,
              () -> s.lambda().getFunctionUrlConfig(b -> b.functionName("fn").qualifier("live")));
      assertThat(aliased.awsErrorDetails().errorMessage())
          .isEqualTo("Function not found: " + TestServer.functionArn("fn") + ":live");
    }
  }
}
