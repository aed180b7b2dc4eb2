package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.outlet.core.Architecture;
import dev.outlet.images.Descriptor;
import dev.outlet.images.Digest;
import dev.outlet.images.Image;
import dev.outlet.images.ImageArchive;
import dev.outlet.images.ImageException;
import dev.outlet.images.LocalImage;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pushes an image on this machine (an OCI layout folder or an image tarball) to the running
 * Outlet's registry, as {@code docker push} would: the ECR repository created if missing, then,
 * with the OCI Distribution API, each blob the registry lacks (HEAD, then POST an upload and PUT
 * its bytes, streamed from the archive), then the manifest of the function's platform, tagged
 * {@code latest} and {@code outlet-<12 hex>}. Only that platform's manifest is pushed, so the
 * function's {@code ImageUri} digest is its manifest's: the same image always pushes to the same
 * digest. Blocking; not thread-safe.
 */
final class ImagePush {
  /** What registries accept for a manifest (4 MB, as the OCI distribution spec has it). */
  private static final int MAX_MANIFEST = 4 << 20;

  private static final String ECR = "AmazonEC2ContainerRegistry_V20150921.";

  /** An image read from its archive, not pushed yet. */
  record Prepared(LocalImage source, Image image) {
    /** The digest its {@code ImageUri} will name (its platform's manifest). */
    Digest digest() {
      return image.manifestDigest();
    }
  }

  private final AwsHttp aws;
  private final URI endpoint;
  private final HttpClient client;
  private String authorization;

  ImagePush(AwsHttp aws) {
    this.aws = aws;
    this.endpoint = URI.create(aws.endpoint());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** The registry's host as image URIs name it: the endpoint's {@code host:port}. */
  String registryHost() {
    return endpoint.getAuthority();
  }

  /** ECR's repository name for a function: lowercase, runs of other characters as one dash. */
  static String repositoryName(String function) {
    String n = function.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    n = n.replaceAll("^-+|-+$", "");
    return n.isEmpty() ? "function" : n;
  }

  /** Reads {@code uri}'s image for {@code architecture}, every JSON blob verified. */
  static Prepared prepare(String uri, String architecture) throws DeployException {
    LocalImage local = LocalImage.parse(uri, java.nio.file.Path.of(""));
    Architecture arch = Architecture.fromWire(architecture).orElse(Architecture.X86_64);
    try (ImageArchive archive = local.open()) {
      return new Prepared(local, local.read(archive, arch).image());
    } catch (ImageException | IOException e) {
      throw new DeployException("the image " + local + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Pushes {@code image} to {@code repository} (created if missing) and returns its URI by digest.
   */
  String push(Prepared image, String repository)
      throws DeployException, ApiException, UnreachableException {
    createRepository(repository);
    login();
    List<Descriptor> blobs = new ArrayList<>(image.image().manifest().layers());
    blobs.add(image.image().manifest().config());
    try (ImageArchive archive = image.source().open()) {
      for (Descriptor d : blobs) {
        if (!exists(repository, d.digest())) {
          upload(archive, repository, d);
        }
      }
      byte[] manifest;
      try (InputStream in = archive.open(image.digest())) {
        manifest = in.readNBytes(MAX_MANIFEST + 1); // read and verified before: still capped
      }
      if (manifest.length > MAX_MANIFEST) {
        throw new IOException("the image's manifest " + image.digest() + " is over 4 MB");
      }
      String type = image.image().manifest().mediaType();
      putManifest(repository, "outlet-" + image.digest().hex().substring(0, 12), type, manifest);
      putManifest(repository, "latest", type, manifest);
    } catch (IOException | UncheckedIOException | ImageException e) {
      throw new DeployException(
          "pushing " + image.source() + " to " + repository + " failed: " + e.getMessage());
    }
    return registryHost() + "/" + repository + "@" + image.digest();
  }

  /**
   * The digest {@code HOST/REPOSITORY:TAG} (or {@code @DIGEST}) names in the server's registry now,
   * or empty when it cannot tell.
   */
  Optional<String> digestOf(String imageUri) {
    String rest = imageUri;
    String reference;
    int at = rest.indexOf('@');
    if (at >= 0) {
      return Optional.of(rest.substring(at + 1));
    }
    int colon = rest.lastIndexOf(':');
    if (colon < 0 || colon < rest.lastIndexOf('/')) {
      return Optional.empty();
    }
    reference = rest.substring(colon + 1);
    rest = rest.substring(0, colon);
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        rest = rest.substring(slash + 1);
      }
    }
    try {
      login();
      HttpResponse<Void> r =
          send(
              request("/v2/" + rest + "/manifests/" + reference)
                  .header(
                      "Accept",
                      String.join(
                          ",",
                          "application/vnd.oci.image.index.v1+json",
                          "application/vnd.oci.image.manifest.v1+json",
                          "application/vnd.docker.distribution.manifest.list.v2+json",
                          "application/vnd.docker.distribution.manifest.v2+json"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody()),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200
          ? r.headers().firstValue("Docker-Content-Digest")
          : Optional.empty();
    } catch (IOException | UnreachableException e) {
      return Optional.empty();
    }
  }

  private void createRepository(String repository) throws ApiException, UnreachableException {
    try {
      aws.json11(
          "ecr",
          ECR + "CreateRepository",
          JsonNodeFactory.instance.objectNode().put("repositoryName", repository));
    } catch (ApiException e) {
      if (!e.code().equals("RepositoryAlreadyExistsException")) {
        throw e;
      }
    }
  }

  /** GetAuthorizationToken's password as basic authentication (needed under --auth iam). */
  private void login() throws UnreachableException {
    if (authorization != null) {
      return;
    }
    JsonNode r;
    try {
      r = aws.json11("ecr", ECR + "GetAuthorizationToken", JsonNodeFactory.instance.objectNode());
    } catch (ApiException e) {
      authorization = ""; // no login offered: anonymous pushes (serve --auth open)
      return;
    }
    String token = r.path("authorizationData").path(0).path("authorizationToken").asText("");
    authorization = token.isEmpty() ? "" : "Basic " + token;
  }

  private boolean exists(String repository, Digest digest) throws IOException {
    HttpResponse<Void> r =
        send(
            request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200;
  }

  private void upload(ImageArchive archive, String repository, Descriptor blob) throws IOException {
    HttpResponse<String> started =
        send(
            request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.ofString());
    check(started, 202, "starting the upload of " + blob.digest());
    String location = started.headers().firstValue("Location").orElseThrow();
    URI target =
        endpoint.resolve(
            location + (location.contains("?") ? "&" : "?") + "digest=" + blob.digest());
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> {
                  try {
                    return archive.open(blob.digest());
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }),
            blob.size());
    HttpResponse<String> put =
        send(
            authorized(HttpRequest.newBuilder(target))
                .header("Content-Type", "application/octet-stream")
                .PUT(body),
            HttpResponse.BodyHandlers.ofString());
    check(put, 201, "uploading " + blob.digest());
  }

  private void putManifest(String repository, String tag, String mediaType, byte[] manifest)
      throws IOException {
    HttpResponse<String> r =
        send(
            request("/v2/" + repository + "/manifests/" + tag)
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)),
            HttpResponse.BodyHandlers.ofString());
    check(r, 201, "putting the manifest " + tag);
  }

  private HttpRequest.Builder request(String path) {
    return authorized(HttpRequest.newBuilder(endpoint.resolve(path)));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder b) {
    b.timeout(Duration.ofMinutes(10));
    if (authorization != null && !authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    try {
      return client.send(b.build(), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void check(HttpResponse<String> r, int expected, String what) throws IOException {
    if (r.statusCode() != expected) {
      throw new IOException(what + ": HTTP " + r.statusCode() + " " + r.body());
    }
  }
}
