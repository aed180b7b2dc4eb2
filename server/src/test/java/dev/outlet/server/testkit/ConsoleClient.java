package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser's side of the console's HTTP surface, as its page uses it: a cookie jar, the session
 * (with its CSRF token) and calls through {@code /_outlet/console/}. For tests.
 */
public final class ConsoleClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String endpoint;
  private final HttpClient http;
  private String csrf;

  public ConsoleClient(String endpoint) {
    this.endpoint = endpoint;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();
  }

  /** GET /_outlet/console/api/session, remembering its CSRF token. */
  public JsonNode session() {
    JsonNode s = json(send("GET", "/_outlet/console/api/session", null, false));
    csrf = s.path("csrf").isNull() ? null : s.path("csrf").asText(null);
    return s;
  }

  public HttpResponse<String> signIn(String accessKeyId, String secret) {
    HttpResponse<String> r =
        send(
            "POST",
            "/_outlet/console/api/session",
            "{\"accessKeyId\":\"" + accessKeyId + "\",\"secretAccessKey\":\"" + secret + "\"}",
            false);
    if (r.statusCode() == 200) {
      csrf = json(r).path("csrf").asText();
    }
    return r;
  }

  /** A request under the endpoint, with the CSRF token when {@code withCsrf}. */
  public HttpResponse<String> send(
      String method, String path, String body, boolean withCsrf, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (withCsrf && csrf != null) {
      b.header("X-Outlet-Csrf", csrf);
    }
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

  /** A streamed GET (the live tail): its lines as they come. */
  public HttpResponse<java.util.stream.Stream<String>> stream(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(endpoint + path)).GET().build(),
          HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }
}
