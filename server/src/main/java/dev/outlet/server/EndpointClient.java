package dev.outlet.server;

import dev.outlet.edge.SigV4Signer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP client of the human commands ({@code outlet logs}, {@code outlet stats}): POSTs AWS API
 * requests to a running Outlet, signed (SigV4) with the credentials of the environment ({@code
 * AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, as the AWS CLI
 * reads them) so they pass {@code --auth iam}; without them, a SigV4-shaped header naming the
 * service, which {@code --auth open} accepts. Thread-safe; every call blocks.
 */
final class EndpointClient {
  static final String DEFAULT_ENDPOINT = "http://127.0.0.1:" + ServerConfig.DEFAULT_PORT;

  /** What the user is told, with exit status 1. */
  static final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
      super(message);
    }
  }

  record Response(int status, String body) {}

  private final URI endpoint;
  private final HttpClient http;
  private final Map<String, String> environment;

  EndpointClient(String endpoint) {
    this(endpoint, System.getenv());
  }

  EndpointClient(String endpoint, Map<String, String> environment) {
    this.environment = environment;
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * @param target the {@code X-Amz-Target}, or null
   * @throws CliException when Outlet cannot be reached
   */
  Response post(String service, String contentType, String target, String body)
      throws CliException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    sign(b, service, contentType, target, body.getBytes(StandardCharsets.UTF_8));
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (ConnectException e) {
      throw new CliException(
          "cannot reach Outlet at " + endpoint + " (is `outlet serve` running? --endpoint URL)");
    } catch (IOException e) {
      throw new CliException("request to " + endpoint + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private void sign(
      HttpRequest.Builder b, String service, String contentType, String target, byte[] body) {
    String amzDate =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    String region =
        environment.getOrDefault(
            "AWS_REGION", environment.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
    String id = environment.get("AWS_ACCESS_KEY_ID");
    String secret = environment.get("AWS_SECRET_ACCESS_KEY");
    if (id == null || secret == null) {
      b.header(
          "Authorization",
          "AWS4-HMAC-SHA256 Credential=outlet/"
              + amzDate.substring(0, 8)
              + "/"
              + region
              + "/"
              + service
              + "/aws4_request, SignedHeaders=host, Signature=0");
      return;
    }
    Map<String, String> headers = new TreeMap<>();
    headers.put("content-type", contentType);
    headers.put("host", endpoint.getAuthority());
    if (target != null) {
      headers.put("x-amz-target", target);
    }
    SigV4Signer.sign(
            "POST",
            endpoint.getRawPath(),
            "",
            headers,
            body,
            new SigV4Signer.Key(id, secret, environment.get("AWS_SESSION_TOKEN")),
            region,
            service,
            java.time.Instant.now())
        .forEach(b::header);
  }
}
