package dev.outlet.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** What a client's push does to a registry, step by step: blob uploads, then the manifest. */
final class Pushes {
  private Pushes() {}

  /** An image's config naming {@code entrypoint}. */
  static byte[] config(String entrypoint) {
    return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\""
            + entrypoint
            + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Uploads {@code bytes} into {@code repo} as a client does (start, write, commit). */
  static Digest upload(Registry registry, String repo, byte[] bytes) throws IOException {
    Upload u = registry.uploads().start(repo);
    u.write(bytes);
    Digest d = Digest.sha256(bytes);
    registry.commit(u, d);
    return d;
  }

  /** Puts an OCI image manifest of {@code config} and {@code layer} under {@code tag}. */
  static Digest manifest(Registry registry, String repo, String tag, byte[] config, byte[] layer) {
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + Digest.sha256(config)
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\""
                + Digest.sha256(layer)
                + "\",\"size\":"
                + layer.length
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    return registry.putManifest(repo, tag, "application/vnd.oci.image.manifest.v1+json", manifest);
  }

  /** A gzipped tar holding one executable file. */
  static byte[] tarGz(String name, String content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(bytes.length);
      e.setMode(0755);
      tar.putArchiveEntry(e);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }
}
