package dev.outlet.images;

import dev.outlet.edge.testkit.Fuzz;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The image JSON a pushed or saved image brings (index, manifest list, manifest, config, layout
 * marker): mutated, each parses or is an {@link ImageException}, within {@link Fuzz#BOUND}.
 */
class ImageJsonProperties {
  private static final String H = "a".repeat(64);

  private static final List<String> SAMPLES =
      List.of(
          """
          {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
           {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":512,
            "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
           {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1,
            "platform":{"architecture":"unknown","os":"unknown"}}]}
          """
              .formatted(H, H),
          """
          {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
           "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7,
            "digest":"sha256:%s"},
           "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":9,
            "digest":"sha256:%s"}],"annotations":{"a":"b"}}
          """
              .formatted(H, H),
          """
          {"architecture":"amd64","os":"linux","config":{"Entrypoint":["/lambda-entrypoint.sh"],
           "Cmd":["app.handler"],"Env":["PATH=/usr/bin","LANG=C.UTF-8"],"WorkingDir":"/var/task",
           "User":"1000"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}
          """
              .formatted(H),
          "{\"imageLayoutVersion\":\"1.0.0\"}",
          "[{\"Config\":\"x.json\",\"Layers\":[\"a/layer.tar\"]}]");

  @Provide
  Arbitrary<byte[]> documents() {
    return Fuzz.mutationsOf(
        SAMPLES.stream().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList());
  }

  @Property(tries = 1000)
  void aMutatedDocumentParsesOrIsRefused(@ForAll("documents") byte[] json) {
    Fuzz.run(json, () -> ImageJson.index(json), ImageException.class);
    Fuzz.run(json, () -> ImageJson.manifest(json), ImageException.class);
    Fuzz.run(json, () -> ImageJson.config(json), ImageException.class);
    Fuzz.run(json, () -> ImageJson.isIndex(json, ""), ImageException.class);
    Fuzz.run(json, () -> ImageJson.diffIds(json), ImageException.class);
    Fuzz.run(
        json,
        () -> {
          OciLayout.checkVersion(json);
          return true;
        },
        ImageException.class);
  }

  @Property(tries = 300)
  void aMutatedDigestParsesOrIsRefused(@ForAll("digests") String text) {
    Fuzz.run(text, () -> Digest.parse(text), ImageException.class);
  }

  @Provide
  Arbitrary<String> digests() {
    return Fuzz.textMutationsOf(List.of("sha256:" + H, "sha512:" + "b".repeat(128), "md5:x"));
  }
}
