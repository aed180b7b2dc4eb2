package dev.outlet.registry;

import dev.outlet.edge.CappedBody;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manifests by tag or digest ({@code PUT}, {@code GET}, {@code HEAD}, {@code DELETE} on {@code
 * /v2/<name>/manifests/<reference>}) and the tags list ({@code GET /v2/<name>/tags/list}, with
 * {@code n} and {@code last}). A manifest's body is collected under {@link Registry#MAX_MANIFEST}
 * while it streams, then checked and stored on the blocking executor; it is served back with the
 * media type it was pushed with.
 */
final class ManifestRoutes {
  private final Registry registry;
  private final RegistryHttp http;

  ManifestRoutes(Registry registry, RegistryHttp http) {
    this.registry = registry;
    this.http = http;
  }

  void manifest(HttpServerRequest req, RegistryPath.Manifest route) {
    String name = route.name();
    String reference = route.reference();
    if (req.method() == HttpMethod.PUT) {
      String contentType = req.getHeader("Content-Type");
      CappedBody.collect(
          req,
          Registry.MAX_MANIFEST,
          body ->
              http.later(
                  req,
                  () -> {
                    Digest digest =
                        registry.putManifest(name, reference, contentType, body.getBytes());
                    return Answer.of(
                        201,
                        Map.of(
                            "Location",
                            "/v2/" + name + "/manifests/" + digest,
                            "Docker-Content-Digest",
                            digest.toString(),
                            "Content-Length",
                            "0"));
                  }),
          () ->
              http.fail(
                  req,
                  new RegistryError(
                      RegistryError.Code.TOO_LARGE,
                      "the manifest is larger than the "
                          + Registry.MAX_MANIFEST
                          + " bytes a manifest may hold")));
      req.resume();
      return;
    }
    if (req.method() == HttpMethod.DELETE) {
      http.later(
          req,
          () -> {
            boolean deleted =
                Digest.looksLikeDigest(reference)
                    ? registry.deleteImage(name, Digest.parse(reference))
                    : registry.deleteTag(name, reference);
            if (!deleted) {
              throw new RegistryError(
                  RegistryError.Code.MANIFEST_UNKNOWN,
                  "manifest unknown to registry",
                  RegistryHttp.clip(reference));
            }
            return Answer.of(202, Map.of("Content-Length", "0"));
          });
      return;
    }
    RegistryHttp.only(req, HttpMethod.GET, HttpMethod.HEAD);
    http.later(
        req,
        () -> {
          RegistryStore.ManifestBytes m = registry.manifest(name, reference);
          return new Answer(
              200,
              Map.of(
                  "Content-Type", m.mediaType(),
                  "Content-Length", Integer.toString(m.body().length),
                  "Docker-Content-Digest", m.digest().toString(),
                  "ETag", "\"" + m.digest() + "\""),
              m.body(),
              null);
        });
  }

  void tags(HttpServerRequest req, RegistryPath.TagsList route) {
    RegistryHttp.only(req, HttpMethod.GET);
    String nParam = req.getParam("n");
    String last = req.getParam("last");
    int n = nParam == null ? Integer.MAX_VALUE : count(nParam);
    http.later(
        req,
        () -> {
          List<String> all = registry.tags(route.name());
          List<String> after =
              all.stream().filter(t -> last == null || t.compareTo(last) > 0).toList();
          List<String> page = after.subList(0, Math.min(n, after.size()));
          Map<String, String> headers = new LinkedHashMap<>();
          if (page.size() < after.size() && !page.isEmpty()) {
            headers.put(
                "Link",
                "</v2/"
                    + route.name()
                    + "/tags/list?n="
                    + n
                    + "&last="
                    + page.getLast()
                    + ">; rel=\"next\"");
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("name", route.name());
          body.put("tags", page);
          return Answer.json(200, RegistryHttp.JSON.writeValueAsBytes(body), headers);
        });
  }

  private static int count(String n) {
    try {
      int v = Integer.parseInt(n);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new RegistryError(
          RegistryError.Code.PAGINATION_NUMBER_INVALID,
          "invalid number of results requested",
          RegistryHttp.clip(n));
    }
  }
}
