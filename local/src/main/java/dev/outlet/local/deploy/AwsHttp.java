package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.LongConsumer;

/**
 * A small JSON-over-HTTP client for AWS REST, JSON 1.0 and JSON 1.1 APIs on a running Outlet, with
 * a SigV4-shaped {@code Authorization} header naming the service and region (Outlet reads the
 * scope, never the signature). Thread-safe; every call blocks.
 */
public final class AwsHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A response that is not 2xx, with AWS's error code and message. */
  public static final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }

    @Override
    public String toString() {
      return code + " (" + status + "): " + getMessage();
    }
  }

  /** Outlet cannot be reached. */
  public static final class UnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreachableException(String message) {
      super(message);
    }
  }

  private final URI endpoint;
  private final String region;
  private final HttpClient http;

  public AwsHttp(String endpoint, String region) {
    this.endpoint =
        URI.create(
            endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    this.region = region;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public String endpoint() {
    return endpoint.toString();
  }

  public String region() {
    return region;
  }

  /** A REST call; {@code body} null for none. Returns the JSON answer ({} when empty). */
  public JsonNode rest(String service, String method, String path, JsonNode body)
      throws ApiException, UnreachableException {
    byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
    return send(service, method, path, null, bytes, null);
  }

  /** A REST call whose body is sent with progress reports (bytes sent so far). */
  public JsonNode upload(
      String service, String method, String path, byte[] body, LongConsumer progress)
      throws ApiException, UnreachableException {
    return send(service, method, path, null, body, progress);
  }

  /** An AWS JSON 1.1 call: {@code POST /} with {@code X-Amz-Target}. */
  public JsonNode json11(String service, String target, JsonNode body)
      throws ApiException, UnreachableException {
    return send(
        service,
        "POST",
        "/",
        new Target(target, "application/x-amz-json-1.1"),
        body.toString().getBytes(StandardCharsets.UTF_8),
        null);
  }

  /** An AWS JSON 1.0 call (SQS): {@code POST /} with {@code X-Amz-Target}. */
  public JsonNode json10(String service, String target, JsonNode body)
      throws ApiException, UnreachableException {
    return send(
        service,
        "POST",
        "/",
        new Target(target, "application/x-amz-json-1.0"),
        body.toString().getBytes(StandardCharsets.UTF_8),
        null);
  }

  /** A JSON protocol's operation and content type. */
  private record Target(String operation, String contentType) {}

  private JsonNode send(
      String service, String method, String path, Target target, byte[] body, LongConsumer progress)
      throws ApiException, UnreachableException {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .timeout(Duration.ofMinutes(5))
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=outlet/"
                    + date.substring(0, 8)
                    + "/"
                    + region
                    + "/"
                    + service
                    + "/aws4_request, SignedHeaders=host, Signature=0");
    if (target != null) {
      b.header("X-Amz-Target", target.operation()).header("Content-Type", target.contentType());
    } else if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpRequest.BodyPublisher publisher;
    if (body == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else if (progress == null) {
      publisher = HttpRequest.BodyPublishers.ofByteArray(body);
    } else {
      publisher =
          HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(() -> new Counting(body, progress)),
              body.length);
    }
    b.method(method, publisher);
    HttpResponse<byte[]> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new UnreachableException(
          "cannot reach Outlet at " + endpoint + " (is `outlet serve` running? --endpoint URL)");
    } catch (IOException e) {
      throw new UnreachableException("request to " + endpoint + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted");
    }
    JsonNode json = parse(r.body());
    if (r.statusCode() / 100 != 2) {
      String code =
          shape(
              r.headers()
                  .firstValue("x-amzn-ErrorType")
                  .orElse(
                      json.path("__type")
                          .asText(json.path("Type").asText("HTTP " + r.statusCode()))));
      String message = json.path("message").asText(json.path("Message").asText(""));
      throw new ApiException(r.statusCode(), code, message);
    }
    return json;
  }

  /** {@code QueueDoesNotExist} of {@code com.amazonaws.sqs#QueueDoesNotExist:http://...}. */
  private static String shape(String type) {
    String c = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
    return c.substring(c.indexOf('#') + 1);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      return n == null ? JsonNodeFactory.instance.objectNode() : n;
    } catch (IOException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  /** Reports how many bytes were read. */
  private static final class Counting extends InputStream {
    private final ByteArrayInputStream in;
    private final LongConsumer progress;
    private long read;

    Counting(byte[] bytes, LongConsumer progress) {
      this.in = new ByteArrayInputStream(bytes);
      this.progress = progress;
    }

    @Override
    public int read() {
      int c = in.read();
      if (c >= 0) {
        progress.accept(++read);
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = in.read(b, off, Math.min(len, 64 * 1024));
      if (n > 0) {
        read += n;
        progress.accept(read);
      }
      return n;
    }
  }
}
