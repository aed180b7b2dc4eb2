package dev.outlet.server.testkit;

import dev.outlet.server.OutletServer;
import dev.outlet.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * One Outlet on an ephemeral loopback port over a data folder, with a real SDK v2 client and a
 * plain HTTP client. The SDK client never retries (a retried Invoke would run the function twice
 * and hide the first answer) and waits up to 90 s for a call.
 */
public final class TestServer implements AutoCloseable {
  public static final String ROLE = "arn:aws:iam::123456789012:role/lambda-execution-role";
  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";

  static {
    // HttpURLConnection silently re-sends a POST once when a kept-alive connection was closed:
    // that would invoke a function twice.
    System.setProperty("sun.net.http.retryPost", "false");
  }

  private final Path dataDir;
  private final OutletServer server;
  private final LambdaClient lambda;
  private final HttpClient http;

  private TestServer(Path dataDir, OutletServer server) {
    this.dataDir = dataDir;
    this.server = server;
    this.lambda = client(server.endpoint());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Starts Outlet with its defaults on port 0 over {@code dataDir}. */
  public static TestServer start(Path dataDir) {
    return start(dataDir, c -> c);
  }

  public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) {
    try {
      OutletServer server =
          OutletServer.start(tweak.apply(ServerConfig.defaults(dataDir).withPort(0)));
      return new TestServer(dataDir, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static LambdaClient client(String endpoint) {
    return client(endpoint, "test", "test");
  }

  /** A Lambda client for {@code region} (its requests are signed for it). */
  public static LambdaClient client(String endpoint, Region region) {
    return client(endpoint, region, "test", "test");
  }

  /** A Lambda client signing with this key, no retries, generous timeouts. */
  public static LambdaClient client(String endpoint, String accessKeyId, String secret) {
    return client(endpoint, Region.US_EAST_1, accessKeyId, secret);
  }

  private static LambdaClient client(
      String endpoint, Region region, String accessKeyId, String secret) {
    return LambdaClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClientBuilder(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(90)))
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(90))
                    .apiCallAttemptTimeout(Duration.ofSeconds(90))
                    .retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  public String endpoint() {
    return server.endpoint();
  }

  public LambdaClient lambda() {
    return lambda;
  }

  public OutletServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  public HttpClient http() {
    return http;
  }

  public static String functionArn(String name) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
  }

  /** Creates a provided.al2023 function running {@code zip}. */
  public CreateFunctionResponse create(String name, byte[] zip) {
    return create(name, zip, b -> {});
  }

  public CreateFunctionResponse create(
      String name, byte[] zip, Consumer<CreateFunctionRequest.Builder> more) {
    return lambda.createFunction(
        b -> {
          b.functionName(name)
              .runtime("provided.al2023")
              .role(ROLE)
              .handler("function.handler")
              .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)));
          more.accept(b);
        });
  }

  /** Creates a function with environment variables. */
  public CreateFunctionResponse create(String name, byte[] zip, Map<String, String> environment) {
    return create(name, zip, b -> b.environment(e -> e.variables(environment)));
  }

  /** A synchronous invoke with {@code LogType: Tail}. */
  public InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(
        b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
  }

  /** The payload of an invoke, as JSON. */
  public static com.fasterxml.jackson.databind.JsonNode json(InvokeResponse response) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(response.payload().asByteArray());
    } catch (IOException e) {
      throw new AssertionError(response.payload().asUtf8String(), e);
    }
  }

  /** The decoded {@code LogResult} of a Tail invoke. */
  public static String logTail(InvokeResponse response) {
    return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
  }

  /** Sends a request to Outlet's API endpoint without signing it. */
  public HttpResponse<String> send(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    lambda.close();
    server.close();
  }
}
