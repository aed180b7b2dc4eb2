package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * HTTP APIs and Function URLs the API acknowledged survive a {@code kill -9} of a real {@code
 * outlet serve} process, which also prints its HTTPS endpoint and certificate fingerprint.
 */
class FrontKillNineTest {
  private static final Pattern HTTPS =
      Pattern.compile("HTTPS at (https://\\S+) \\(certificate SHA-256 ([0-9A-F:]{95})");

  @TempDir Path data;

  private static String fingerprint(ServedOutlet s) {
    for (String line : s.lines()) {
      Matcher m = HTTPS.matcher(line);
      if (m.find()) {
        return m.group(2);
      }
    }
    throw new AssertionError("no HTTPS line in " + s.lines());
  }

  private static int get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void apisAndFunctionUrlsSurviveAKillNine() throws Exception {
    ServedOutlet first = ServedOutlet.start(data);
    String fingerprint = fingerprint(first);
    String apiId;
    String urlId;
    try (LambdaClient lambda = TestServer.client(first.endpoint());
        ApiGatewayV2Client gw = HttpApiSdkTest.client(first.endpoint())) {
      lambda.createFunction(
          b ->
              b.functionName("echo")
                  .runtime("provided.al2023")
                  .role(TestServer.ROLE)
                  .handler("h")
                  .code(
                      c -> c.zipFile(SdkBytes.fromByteArray(TestZips.bootstrap(Runtimes.echo())))));
      apiId =
          gw.createApi(
                  b ->
                      b.name("k9")
                          .protocolType(ProtocolType.HTTP)
                          .target(TestServer.functionArn("echo")))
              .apiId();
      gw.createStage(b -> b.apiId(apiId).stageName("prod"));
      urlId =
          URI.create(
                  lambda
                      .createFunctionUrlConfig(
                          b -> b.functionName("echo").authType(FunctionUrlAuthType.NONE))
                      .functionUrl())
              .getHost()
              .split("\\.")[0];
    }
    first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

    ServedOutlet second = ServedOutlet.start(data);
    try (ApiGatewayV2Client gw = HttpApiSdkTest.client(second.endpoint())) {
      assertThat(fingerprint(second))
          .as("the generated certificate is kept")
          .isEqualTo(fingerprint);
      assertThat(gw.getStages(b -> b.apiId(apiId)).items()).hasSize(2);
      assertThat(get(second.endpoint() + "/_outlet/apis/" + apiId + "/prod/x")).isEqualTo(200);
      assertThat(get(second.endpoint() + "/_outlet/urls/" + urlId + "/x")).isEqualTo(200);
    } finally {
      second.process().destroy();
      assertThat(second.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }
}
