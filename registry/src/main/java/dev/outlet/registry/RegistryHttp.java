package dev.outlet.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.edge.AwsEdge;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI Distribution API on Outlet's endpoint ({@code /v2/...}): routes a request by its path
 * ({@link RegistryPath}), checks its login when one is required, and hands it to {@link BlobRoutes}
 * or {@link ManifestRoutes}. The event loop only routes, reads the repository snapshot and queues
 * body chunks; everything touching a file or the database runs on the blocking executor. Every
 * failure is rendered here, once, as the spec's {@code {"errors":[...]}}; a fault that is not a
 * {@link RegistryError} is logged with an id and answered {@code UNKNOWN} without its message.
 * Thread-safe.
 */
public final class RegistryHttp {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_VERSION = "Docker-Distribution-API-Version";

  private final Registry registry;
  private final Executor blocking;
  private final boolean loginRequired;
  private final BlobRoutes blobs;
  private final ManifestRoutes manifests;
  private final UploadHomes homes;

  /**
   * @param loginRequired whether every request needs {@code GetAuthorizationToken}'s password as
   *     basic authentication ({@code --auth iam}); otherwise anonymous requests are served too
   */
  public RegistryHttp(Registry registry, Executor blocking, boolean loginRequired) {
    this(registry, blocking, loginRequired, null);
  }

  /**
   * A cluster node's registry: the sessions it opens are named after it, and requests for another
   * node's sessions are relayed there by {@code homes}.
   */
  public RegistryHttp(
      Registry registry, Executor blocking, boolean loginRequired, UploadHomes homes) {
    this.registry = registry;
    this.blocking = blocking;
    this.loginRequired = loginRequired;
    this.homes = homes;
    this.blobs = new BlobRoutes(registry, this, homes == null ? "" : homes.tag() + ".");
    this.manifests = new ManifestRoutes(registry, this);
  }

  /**
   * Whether {@code req} is the registry's: a {@code /v2/} path of the Distribution API's shapes not
   * signed for another service (the apigatewayv2 control plane shares the {@code /v2/} prefix).
   */
  public boolean accepts(HttpServerRequest req) {
    if (!req.path().startsWith("/v2") || RegistryPath.of(req.path()) == null) {
      return false;
    }
    String signedFor = AwsEdge.identity(req).service();
    return signedFor == null || "ecr".equals(signedFor);
  }

  /** Serves a request {@link #accepts} took (on its event loop). */
  public void handle(HttpServerRequest req) {
    handle(req, false);
  }

  /**
   * Serves {@code req}; in a cluster, a repository missing from the snapshot may have been made by
   * another node a moment ago, so the snapshot is refreshed (off the event loop) and the request
   * served once more ({@code refreshed}) before NAME_UNKNOWN.
   */
  private void handle(HttpServerRequest req, boolean refreshed) {
    req.pause();
    try {
      RegistryPath route = RegistryPath.of(req.path());
      if (loginRequired && !registry.tokens().validBasic(req.getHeader("Authorization"))) {
        throw new RegistryError(RegistryError.Code.UNAUTHORIZED, "Not Authorized", null);
      }
      if (route instanceof RegistryPath.Base) {
        only(req, HttpMethod.GET, HttpMethod.HEAD);
        reply(req, Answer.json(200, "{}".getBytes(), Map.of()));
        return;
      }
      String name = route.repository();
      if (!Names.isRepositoryName(name)) {
        throw new RegistryError(
            RegistryError.Code.NAME_INVALID, "invalid repository name", clip(name));
      }
      if (route instanceof RegistryPath.Upload u) {
        route = home(req, u);
        if (route == null) {
          return; // relayed to the node that opened the session
        }
      }
      if (registry.shared() && !refreshed && registry.repository(name).isEmpty()) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        blocking.execute(
            () -> {
              try {
                registry.refresh();
              } catch (RuntimeException e) {
                LOG.warn("registry: cannot re-read the repositories", e);
              }
              context.runOnContext(v -> handle(req, true));
            });
        return;
      }
      registry.existing(name);
      switch (route) {
        case RegistryPath.Manifest m -> manifests.manifest(req, m);
        case RegistryPath.TagsList t -> manifests.tags(req, t);
        case RegistryPath.Blob b -> blobs.blob(req, b);
        case RegistryPath.UploadStart u -> blobs.start(req, u);
        case RegistryPath.Upload u -> blobs.upload(req, u);
        case RegistryPath.Base b -> throw new IllegalStateException();
      }
    } catch (RuntimeException e) {
      fail(req, e);
    }
  }

  /**
   * The session {@code u} names on this node (its id without this node's tag), or null when the
   * request was relayed to the node whose tag the id carries. An id with another node's tag that
   * this node cannot relay is an unknown session.
   */
  private RegistryPath.Upload home(HttpServerRequest req, RegistryPath.Upload u) {
    int dot = u.id().indexOf('.');
    if (homes == null || dot < 0) {
      return u;
    }
    String tag = u.id().substring(0, dot);
    if (tag.equals(homes.tag())) {
      return new RegistryPath.Upload(u.name(), u.id().substring(dot + 1));
    }
    RegistryError unknown =
        new RegistryError(
            RegistryError.Code.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry", u.id());
    if (homes.relayed(req)
        || !homes.relay(
            req,
            tag,
            e -> {
              LOG.warn("registry: the node that opened upload {} did not answer: {}", u.id(), e);
              fail(req, unknown);
            })) {
      throw unknown;
    }
    return null;
  }

  static void only(HttpServerRequest req, HttpMethod... methods) {
    for (HttpMethod m : methods) {
      if (req.method().equals(m)) {
        return;
      }
    }
    throw new RegistryError(
        RegistryError.Code.UNSUPPORTED, "The operation is unsupported.", req.method().name());
  }

  /** Runs {@code work} on the blocking executor and answers what it returns (or its failure). */
  void later(HttpServerRequest req, Callable<Answer> work) {
    blocking.execute(
        () -> {
          try {
            reply(req, work.call());
          } catch (Exception e) {
            try {
              fail(req, e);
            } catch (RuntimeException f) {
              LOG.error("registry {} {}: cannot answer", req.method(), req.path(), f);
              req.connection().close(); // never leave a client waiting
            }
          }
        });
  }

  Executor blocking() {
    return blocking;
  }

  /** Writes {@code answer} (any thread); drains a body nobody read. */
  static void reply(HttpServerRequest req, Answer answer) {
    HttpServerResponse res = req.response();
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(answer.status());
    res.putHeader(API_VERSION, "registry/2.0");
    answer.headers().forEach(res::putHeader);
    if (answer.file() != null && req.method() != HttpMethod.HEAD) {
      res.sendFile(answer.file().toString());
    } else if (answer.body() != null && req.method() != HttpMethod.HEAD) {
      res.putHeader("Content-Length", Integer.toString(answer.body().length));
      res.end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
    } else {
      if (!answer.headers().containsKey("Content-Length")) {
        res.putHeader(
            "Content-Length", Integer.toString(answer.body() == null ? 0 : answer.body().length));
      }
      res.end();
    }
    if (!req.isEnded()) {
      req.resume(); // whatever body is left is read and dropped
    }
  }

  /** Drops what is left of a body nobody will read (nothing when it was read already). */
  private static void drain(HttpServerRequest req) {
    try {
      if (!req.isEnded()) {
        req.handler(b -> {}).endHandler(v -> {});
      }
    } catch (IllegalStateException e) {
      // ended meanwhile
    }
  }

  /** The one place a failure becomes a response. */
  void fail(HttpServerRequest req, Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (t instanceof BodyPump.Interrupted) {
      req.connection().close(); // the client is gone or stalled: nobody reads an answer
      return;
    }
    RegistryError e;
    if (t instanceof RegistryError known) {
      e = known;
    } else {
      String id = UUID.randomUUID().toString();
      LOG.error("registry {} {} failed (error {})", req.method(), req.path(), id, t);
      e =
          new RegistryError(
              RegistryError.Code.UNKNOWN,
              "Outlet could not serve the request; see its log for " + id + ".");
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("code", e.code().wire());
    entry.put("message", e.getMessage());
    if (e.detail() != null) {
      entry.put("detail", e.detail());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (e.code() == RegistryError.Code.UNAUTHORIZED) {
      String host = req.getHeader("Host");
      headers.put(
          "WWW-Authenticate",
          "Basic realm=\"http://" + (host == null ? "127.0.0.1" : host) + "/\",service=\"ecr\"");
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("errors", List.of(entry)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
    drain(req);
    reply(req, Answer.json(e.code().status(), body, headers));
  }

  static String clip(String s) {
    return s == null || s.length() <= 200 ? s : s.substring(0, 200);
  }
}
