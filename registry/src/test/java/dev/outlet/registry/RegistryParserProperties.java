package dev.outlet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every registry parser the network reaches, fed mutations of valid inputs and plain noise: each
 * returns a value or its declared {@link RegistryError} within {@link Fuzz#BOUND}, never another
 * exception (which would be a 500).
 */
class RegistryParserProperties {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
  private static final String IMAGE =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
          + DIGEST
          + "\",\"size\":7},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\""
          + DIGEST
          + "\",\"size\":12,\"urls\":[]}]}";
  private static final String INDEX =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
          + "\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
          + "\"digest\":\""
          + DIGEST
          + "\",\"size\":100,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";

  @Provide
  Arbitrary<byte[]> manifests() {
    return Fuzz.mutationsOf(
        List.of(IMAGE.getBytes(StandardCharsets.UTF_8), INDEX.getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 2000)
  void manifestsParseOrAreManifestInvalid(
      @ForAll("manifests") byte[] body, @ForAll("contentTypes") String contentType) {
    Fuzz.Outcome<Manifest> out =
        Fuzz.run(body, () -> ManifestParser.parse(body, contentType), RegistryError.class);
    if (out instanceof Fuzz.Outcome.Refused<Manifest> r) {
      assertThat(((RegistryError) r.error()).code()).isEqualTo(RegistryError.Code.MANIFEST_INVALID);
    }
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        null,
        "",
        "application/json",
        Manifest.OCI_MANIFEST,
        Manifest.DOCKER_LIST + "; charset=utf-8",
        Manifest.OCI_INDEX,
        "text/plain;;;");
  }

  @Property(tries = 2000)
  void digestsParseOrAreDigestInvalid(@ForAll("digests") String text) {
    Fuzz.Outcome<Digest> out = Fuzz.run(text, () -> Digest.parse(text), RegistryError.class);
    if (out instanceof Fuzz.Outcome.Parsed<Digest> p) {
      assertThat(p.value().toString()).isEqualTo(text);
    }
  }

  @Provide
  Arbitrary<String> digests() {
    return Fuzz.textMutationsOf(List.of(DIGEST, "sha512:" + DIGEST.substring(7), "sha256:"));
  }

  @Property(tries = 2000)
  void contentRangesParseOrAreRangeInvalid(@ForAll("ranges") String header) {
    Fuzz.Outcome<ContentRange> out =
        Fuzz.run(header, () -> ContentRange.parse(header), RegistryError.class);
    if (out instanceof Fuzz.Outcome.Parsed<ContentRange> p) {
      assertThat(p.value().end()).isGreaterThanOrEqualTo(p.value().start());
      assertThat(p.value().start()).isNotNegative();
    }
  }

  @Provide
  Arbitrary<String> ranges() {
    return Fuzz.textMutationsOf(
        List.of("0-1023", "bytes 1024-2047/4096", "999999999999-1000000000000", "5-"));
  }

  @Property(tries = 3000)
  void pathsNameARouteOrNothingAndNamesAreCheckedWithoutSurprises(@ForAll("paths") String path) {
    Fuzz.Outcome<RegistryPath> out = Fuzz.run(path, () -> RegistryPath.of(path));
    if (out instanceof Fuzz.Outcome.Parsed<RegistryPath> p && p.value() != null) {
      String name = p.value().repository();
      Fuzz.run(name, () -> Names.isRepositoryName(name));
      if (p.value() instanceof RegistryPath.Manifest m) {
        Fuzz.run(m.reference(), () -> Names.isTag(m.reference()));
        assertThat(m.reference()).doesNotContain("/");
      }
    }
  }

  @Provide
  Arbitrary<String> paths() {
    return Fuzz.textMutationsOf(
        List.of(
            "/v2/",
            "/v2/apps/hello/manifests/latest",
            "/v2/a/blobs/uploads/",
            "/v2/a/b/blobs/uploads/6f1c7d2e-0000-4000-8000-000000000000",
            "/v2/x/blobs/" + DIGEST,
            "/v2/x/tags/list",
            "/v2/apis/abc/routes"));
  }

  @Example
  void theApiGatewayControlPlaneKeepsItsPaths() {
    assertThat(RegistryPath.of("/v2/apis")).isNull();
    assertThat(RegistryPath.of("/v2/apis/abc123/routes/r1")).isNull();
    assertThat(RegistryPath.of("/v2/tags/arn:aws:apigateway:us-east-1::/apis/x")).isNull();
    assertThat(RegistryPath.of("/v2/a/blobs/uploads/"))
        .isEqualTo(new RegistryPath.UploadStart("a"));
    assertThat(RegistryPath.of("/v2/a/b/manifests/v1"))
        .isEqualTo(new RegistryPath.Manifest("a/b", "v1"));
  }

  @Example
  void repositoryNamesFollowEcrsPattern() {
    assertThat(Names.isRepositoryName("apps/hello-world_1.0")).isTrue();
    assertThat(Names.isRepositoryName("a")).isFalse();
    assertThat(Names.isRepositoryName("Apps")).isFalse();
    assertThat(Names.isRepositoryName("a//b")).isFalse();
    assertThat(Names.isRepositoryName("a-")).isFalse();
    assertThat(Names.isTag("v1.0-rc_1")).isTrue();
    assertThat(Names.isTag(".hidden")).isFalse();
  }
}
