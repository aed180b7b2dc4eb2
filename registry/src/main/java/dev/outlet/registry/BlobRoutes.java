package dev.outlet.registry;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Blobs and their uploads: {@code HEAD}/{@code GET /v2/<name>/blobs/<digest>}; {@code POST
 * .../blobs/uploads/} (a session, a whole blob with {@code ?digest=}, or a mount with {@code
 * ?mount=&from=}); {@code PATCH} (a chunk, {@code Content-Range} checked against what the session
 * holds), {@code PUT ?digest=} (the last chunk and the commit), {@code GET} (status) and {@code
 * DELETE} (cancel) of {@code .../blobs/uploads/<id>}. A chunk that does not arrive whole discards
 * its session: nothing of it is ever visible.
 */
final class BlobRoutes {
  private final Registry registry;
  private final RegistryHttp http;
  private final String idPrefix;

  /** {@code idPrefix}: what the ids of sessions in answers start with (a cluster node's tag). */
  BlobRoutes(Registry registry, RegistryHttp http, String idPrefix) {
    this.registry = registry;
    this.http = http;
    this.idPrefix = idPrefix;
  }

  void blob(HttpServerRequest req, RegistryPath.Blob route) {
    if (req.method() == HttpMethod.DELETE) {
      throw new RegistryError(
          RegistryError.Code.UNSUPPORTED, "The operation is unsupported.", "DELETE blob");
    }
    RegistryHttp.only(req, HttpMethod.GET, HttpMethod.HEAD);
    Digest digest = Digest.parse(route.digest());
    http.later(
        req,
        () -> {
          OptionalLong size =
              req.method() == HttpMethod.HEAD
                  ? registry.checked(route.name(), digest)
                  : registry.blob(route.name(), digest);
          if (size.isEmpty()) {
            throw new RegistryError(
                RegistryError.Code.BLOB_UNKNOWN, "blob unknown to registry", digest.toString());
          }
          return new Answer(
              200,
              Map.of(
                  "Content-Length",
                  Long.toString(size.getAsLong()),
                  "Content-Type",
                  "application/octet-stream",
                  "Docker-Content-Digest",
                  digest.toString(),
                  "ETag",
                  "\"" + digest + "\""),
              null,
              registry.blobFile(digest));
        });
  }

  void start(HttpServerRequest req, RegistryPath.UploadStart route) {
    RegistryHttp.only(req, HttpMethod.POST);
    String name = route.name();
    String mount = req.getParam("mount");
    String from = req.getParam("from");
    String digestParam = req.getParam("digest");
    if (mount != null && from != null) {
      Digest digest = Digest.parse(mount);
      http.later(
          req,
          () ->
              registry.mount(name, from, digest)
                  ? created(name, digest)
                  : session(registry.uploads().startIdle(name)));
      return;
    }
    if (digestParam != null) {
      Digest digest = Digest.parse(digestParam);
      Upload upload = registry.uploads().start(name);
      commitAfter(req, upload, digest);
      return;
    }
    http.later(req, () -> session(registry.uploads().startIdle(name)));
  }

  void upload(HttpServerRequest req, RegistryPath.Upload route) {
    String name = route.name();
    if (req.method() == HttpMethod.GET) {
      Upload u = registry.uploads().peek(name, route.id());
      RegistryHttp.reply(req, Answer.of(204, progress(u)));
    } else if (req.method() == HttpMethod.DELETE) {
      Upload u = registry.uploads().take(name, route.id());
      http.later(
          req,
          () -> {
            registry.uploads().discard(u);
            return Answer.of(204, Map.of());
          });
    } else if (req.method() == HttpMethod.PATCH) {
      Upload u = registry.uploads().take(name, route.id());
      String range = req.getHeader("Content-Range");
      if (range != null && ContentRange.parse(range).start() != u.size()) {
        registry.uploads().giveBack(u);
        throw new RegistryError(
            RegistryError.Code.RANGE_INVALID,
            "the chunk does not start where the upload ends (" + u.size() + ")",
            range);
      }
      pump(req, u)
          .whenComplete(
              (v, failure) -> {
                if (failure != null) {
                  http.blocking().execute(() -> registry.uploads().discard(u));
                  http.fail(req, failure);
                } else {
                  registry.uploads().giveBack(u);
                  RegistryHttp.reply(req, Answer.of(202, progress(u)));
                }
              });
    } else if (req.method() == HttpMethod.PUT) {
      String digestParam = req.getParam("digest");
      if (digestParam == null) {
        throw new RegistryError(
            RegistryError.Code.DIGEST_INVALID, "a digest query parameter is required", null);
      }
      Digest digest = Digest.parse(digestParam);
      commitAfter(req, registry.uploads().take(name, route.id()), digest);
    } else {
      RegistryHttp.only(req, HttpMethod.GET);
    }
  }

  /** Streams the body into {@code upload}, then commits it as {@code digest} (201). */
  private void commitAfter(HttpServerRequest req, Upload upload, Digest digest) {
    pump(req, upload)
        .whenComplete(
            (v, failure) -> {
              if (failure != null) {
                http.blocking().execute(() -> registry.uploads().discard(upload));
                http.fail(req, failure);
                return;
              }
              http.later(
                  req,
                  () -> {
                    registry.commit(upload, digest);
                    return created(upload.repository(), digest);
                  });
            });
  }

  private CompletableFuture<Void> pump(HttpServerRequest req, Upload upload) {
    return BodyPump.into(req, upload, Registry.MAX_LAYER, http.blocking());
  }

  private static Answer created(String name, Digest digest) {
    return Answer.of(
        201,
        Map.of(
            "Location",
            "/v2/" + name + "/blobs/" + digest,
            "Docker-Content-Digest",
            digest.toString(),
            "Content-Length",
            "0"));
  }

  private Answer session(Upload u) {
    return Answer.of(202, progress(u));
  }

  private Map<String, String> progress(Upload u) {
    return Map.of(
        "Location",
        "/v2/" + u.repository() + "/blobs/uploads/" + idPrefix + u.id(),
        "Docker-Upload-UUID",
        idPrefix + u.id(),
        "Range",
        "0-" + Math.max(0, u.size() - 1),
        "Content-Length",
        "0");
  }
}
