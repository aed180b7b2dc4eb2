package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * The HTTPS listener: a self-signed certificate generated on first start and kept, HTTP/2 (ALPN)
 * and HTTP/1.1, the same endpoints as the HTTP port, and a user-supplied PEM certificate.
 */
class HttpsFrontTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  private static OutletServer start(Path data, HttpsSettings https) throws Exception {
    return OutletServer.start(ServerConfig.defaults(data).withPort(0), https);
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static String fingerprint(Path pem) throws Exception {
    return HexFormat.ofDelimiter(":")
        .withUpperCase()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate(pem).getEncoded()));
  }

  private static HttpClient trusting(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("outlet", certificate(pem));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ctx)
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void aGeneratedCertificateServesHttp2AndIsKeptAcrossRestarts() throws Exception {
    Path data = root.resolve("data");
    String fingerprint;
    try (OutletServer server = start(data, new HttpsSettings(0, null, null))) {
      Path cert = data.resolve("tls/cert.pem");
      assertThat(server.tlsGenerated()).isTrue();
      fingerprint = server.tlsFingerprint();
      assertThat(fingerprint).isEqualTo(fingerprint(cert));
      assertThat(Files.getPosixFilePermissions(data.resolve("tls/key.pem")))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      assertThat(server.httpsEndpoint()).matches("https://127\\.0\\.0\\.1:\\d+");

      try (LambdaClient lambda = TestServer.client(server.endpoint());
          ApiGatewayV2Client gw = HttpApiSdkTest.client(server.endpoint())) {
        lambda.createFunction(
            b ->
                b.functionName("echo")
                    .runtime("provided.al2023")
                    .role(TestServer.ROLE)
                    .handler("h")
                    .code(
                        c ->
                            c.zipFile(
                                SdkBytes.fromByteArray(TestZips.bootstrap(Runtimes.echo())))));
        String apiId =
            gw.createApi(
                    b ->
                        b.name("tls")
                            .protocolType(ProtocolType.HTTP)
                            .target(TestServer.functionArn("echo")))
                .apiId();
        HttpResponse<String> r =
            trusting(cert)
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                server.httpsEndpoint() + "/_outlet/apis/" + apiId + "/secure"))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        JsonNode e = JSON.readTree(r.body());
        assertThat(e.get("requestContext").get("http").get("protocol").asText())
            .isEqualTo("HTTP/2.0");

        if (Files.isExecutable(Curl.CURL)) {
          String url =
              lambda
                  .createFunctionUrlConfig(
                      b -> b.functionName("echo").authType(FunctionUrlAuthType.NONE))
                  .functionUrl();
          String host = URI.create(url).getHost();
          int tlsPort = URI.create(server.httpsEndpoint()).getPort();
          Curl.Reply viaName =
              Curl.run(
                  "--cacert",
                  cert.toString(),
                  "--http1.1",
                  "https://" + host + ":" + tlsPort + "/tls");
          assertThat(viaName.status()).isEqualTo(200);
          assertThat(JSON.readTree(viaName.body()).get("headers").get("x-forwarded-proto").asText())
              .isEqualTo("https");
          assertThat(
                  JSON.readTree(viaName.body()).get("headers").get("x-amzn-tls-version").asText())
              .startsWith("TLSv1.");
          Curl.Reply h2 =
              Curl.run(
                  "--cacert",
                  cert.toString(),
                  "--http2",
                  "https://" + host + ":" + tlsPort + "/h2");
          assertThat(h2.protocol()).isEqualTo("HTTP/2");
          assertThat(h2.status()).isEqualTo(200);
        }
      }
    }
    try (OutletServer again = start(data, new HttpsSettings(0, null, null))) {
      assertThat(again.tlsGenerated()).isFalse();
      assertThat(again.tlsFingerprint()).isEqualTo(fingerprint);
    }
  }

  @Test
  void aUserSuppliedPemCertificateIsServed() throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    Assumptions.assumeTrue(
        Files.isExecutable(openssl), "openssl not installed: apt-get install openssl");
    Path cert = root.resolve("mine.pem");
    Path key = root.resolve("mine.key");
    Process p =
        new ProcessBuilder(
                openssl.toString(),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    try (OutletServer server = start(root.resolve("data2"), new HttpsSettings(0, cert, key))) {
      assertThat(server.tlsFingerprint()).isEqualTo(fingerprint(cert));
      assertThat(Files.exists(root.resolve("data2/tls"))).isFalse();
      HttpResponse<String> r =
          trusting(cert)
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.httpsEndpoint() + "/2015-03-31/functions"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"Functions\":[]");
    }
  }
}
