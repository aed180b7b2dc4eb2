package dev.outlet.console;

import dev.outlet.console.Sessions.Session;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.SigV4Signer;
import dev.outlet.edge.SigningKeys.SigningKey;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /_outlet/console/aws/<service>/<path>}: the console's AWS API calls, sent to the server's
 * own endpoint as {@code <path>} and signed (SigV4) with the session's access key, so each goes
 * through the same verification, policy check, operation and error as the AWS CLI's: the console
 * has no way around them. In open mode they go unsigned, as open mode takes them. The answer's
 * status, body and AWS headers come back as they are.
 */
final class AwsProxy {
  private static final Logger LOG = LoggerFactory.getLogger(AwsProxy.class);

  /** The signing names the console calls. */
  static final Set<String> SERVICES =
      Set.of("lambda", "logs", "monitoring", "events", "apigateway", "sqs", "iam", "sts");

  /** The request headers passed on (and signed). */
  private static final List<String> FORWARDED =
      List.of(
          "content-type",
          "x-amz-target",
          "x-amz-invocation-type",
          "x-amz-log-type",
          "x-amz-client-context");

  /** The largest body passed on: a 50 MB zip, base64 in CreateFunction's JSON. */
  static final long MAX_BODY = 70L * 1024 * 1024;

  /** Longer than the longest synchronous Invoke (15 minutes). */
  private static final Duration TIMEOUT = Duration.ofMinutes(16);

  private final ConsoleSettings settings;
  private final ExecutorService blocking;
  private final InstantSource clock;
  private final URI endpoint;

  /** Made at the first call (on a blocking thread): its TLS context costs ~100 ms at startup. */
  private HttpClient http;

  AwsProxy(ConsoleSettings settings, ExecutorService blocking, InstantSource clock) {
    this.settings = settings;
    this.blocking = blocking;
    this.clock = clock;
    this.endpoint = URI.create(settings.endpoint());
  }

  /**
   * The client calling Outlet's endpoint. Building one builds the JDK's default TLS context (the
   * trust store read and parsed) even for plain HTTP, so it waits for the console's first call.
   */
  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .executor(blocking)
              .build();
    }
    return http;
  }

  /**
   * @param rest {@code <service>/<path>} after {@code /_outlet/console/aws/}
   */
  void handle(HttpServerRequest req, Session session, String rest) {
    HttpServerResponse res = req.response();
    int slash = rest.indexOf('/');
    String service = slash < 0 ? rest : rest.substring(0, slash);
    if (!SERVICES.contains(service)) {
      Replies.error(res, 404, "NotFound", "The console does not call the service " + service + ".");
      return;
    }
    Optional<SigV4Signer.Key> key;
    if (session.accessKeyId() == null) {
      key = Optional.empty();
    } else {
      Optional<SigningKey> found = settings.keys().find(session.accessKeyId());
      if (found.isEmpty()) {
        Replies.error(
            res,
            401,
            "NotSignedIn",
            "The access key this session signed in with was deleted or deactivated: sign in"
                + " again.");
        return;
      }
      SigningKey k = found.get();
      key = Optional.of(new SigV4Signer.Key(k.accessKeyId(), k.secret(), k.sessionToken()));
    }
    String path = slash < 0 ? "/" : rest.substring(slash);
    String query = req.query();
    Context context = Vertx.currentContext();
    CappedBody.collect(
        req,
        MAX_BODY,
        body -> blocking.execute(() -> forward(req, context, service, path, query, body, key)),
        () ->
            Replies.error(
                res,
                413,
                "RequestEntityTooLargeException",
                "Request must be smaller than " + MAX_BODY + " bytes for the console."));
  }

  private void forward(
      HttpServerRequest req,
      Context context,
      String service,
      String path,
      String query,
      Buffer body,
      Optional<SigV4Signer.Key> key) {
    HttpResponse<byte[]> answer;
    try {
      byte[] bytes = body.getBytes();
      Map<String, String> headers = new TreeMap<>();
      for (String name : FORWARDED) {
        String v = req.getHeader(name);
        if (v != null) {
          headers.put(name, v);
        }
      }
      URI uri = endpoint.resolve(query == null || query.isEmpty() ? path : path + "?" + query);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .method(
                  req.method().name(),
                  bytes.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(bytes));
      headers.forEach(b::header);
      if (key.isPresent()) {
        Map<String, String> signed = new TreeMap<>(headers);
        signed.put("host", uri.getRawAuthority());
        SigV4Signer.sign(
                req.method().name(),
                uri.getRawPath(),
                uri.getRawQuery(),
                signed,
                bytes,
                key.get(),
                settings.region(),
                service,
                clock.instant())
            .forEach(b::header);
      }
      answer = http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("console: {} {} failed: {}", req.method(), path, e.toString());
      context.runOnContext(
          v ->
              Replies.error(
                  req.response(),
                  502,
                  "ServiceException",
                  "The console could not reach Outlet's API: " + e.getMessage()));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    HttpResponse<byte[]> a = answer;
    context.runOnContext(v -> reply(req.response(), a));
  }

  private static void reply(HttpServerResponse res, HttpResponse<byte[]> a) {
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(a.statusCode());
    a.headers()
        .map()
        .forEach(
            (name, values) -> {
              String n = name.toLowerCase(Locale.ROOT);
              if (n.equals("content-type") || n.startsWith("x-amz")) {
                values.forEach(value -> res.headers().add(name, value));
              }
            });
    res.putHeader("Cache-Control", "no-store").end(Buffer.buffer(a.body()));
  }
}
