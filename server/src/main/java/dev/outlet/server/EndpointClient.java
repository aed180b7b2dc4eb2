package dev.outlet.server;

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

/**
 * The HTTP client of the human commands ({@code outlet logs}, {@code outlet stats}): POSTs AWS API
 * requests to a running Outlet, with a SigV4-shaped {@code Authorization} header naming the service
 * (Outlet reads the scope, never the signature). Thread-safe; every call blocks.
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

  EndpointClient(String endpoint) {
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
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=outlet/"
                    + date.substring(0, 8)
                    + "/us-east-1/"
                    + service
                    + "/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
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
}
