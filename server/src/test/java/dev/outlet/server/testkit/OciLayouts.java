package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * OCI image layouts written by the tests themselves (no Docker, no image builder): {@code
 * oci-layout}, {@code index.json} with one manifest tagged {@code latest}, a config JSON and one
 * gzip tar layer holding the given files.
 */
public final class OciLayouts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayouts() {}

  /** What was written: the manifest's digest and bytes, and the blobs' digests. */
  public record Layout(
      Path dir, String manifestDigest, byte[] manifest, String config, String layer) {}

  /** Writes a layout to {@code dir} whose one layer holds {@code files} (path to content). */
  public static Layout write(Path dir, Map<String, String> files) {
    return write(dir, files, "amd64", "{\"Entrypoint\":[\"/hello\"],\"Env\":[\"PATH=/usr/bin\"]}");
  }

  /**
   * Writes a layout to {@code dir} for the platform {@code linux/architecture} whose image config's
   * {@code config} member is {@code configJson}.
   */
  public static Layout write(
      Path dir, Map<String, String> files, String architecture, String configJson) {
    try {
      Path blobs = dir.resolve("blobs").resolve("sha256");
      Files.createDirectories(blobs);
      byte[] layer = tarGz(files);
      String layerDigest = put(blobs, layer);
      String diffId = "sha256:" + hex(sha256(ungzipped(files)));
      byte[] config =
          ("{\"architecture\":\""
                  + architecture
                  + "\",\"os\":\"linux\",\"config\":"
                  + configJson
                  + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                  + diffId
                  + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      String configDigest = put(blobs, config);
      byte[] manifest =
          ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                  + "\"digest\":\""
                  + configDigest
                  + "\",\"size\":"
                  + config.length
                  + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                  + "\"digest\":\""
                  + layerDigest
                  + "\",\"size\":"
                  + layer.length
                  + "}]}")
              .getBytes(StandardCharsets.UTF_8);
      String manifestDigest = put(blobs, manifest);
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      Files.writeString(
          dir.resolve("index.json"),
          "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
              + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
              + manifestDigest
              + "\",\"size\":"
              + manifest.length
              + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
      return new Layout(dir, manifestDigest, manifest, configDigest, layerDigest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest digest a layout's {@code index.json} names first. */
  public static String indexedManifest(Path dir) {
    try {
      JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
      return index.get("manifests").get(0).get("digest").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String put(Path blobs, byte[] bytes) throws IOException {
    String hex = hex(sha256(bytes));
    Files.write(blobs.resolve(hex), bytes);
    return "sha256:" + hex;
  }

  private static byte[] tarGz(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(ungzipped(files));
    }
    return out.toByteArray();
  }

  private static byte[] ungzipped(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (var f : new java.util.TreeMap<>(files).entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(content.length);
        e.setMode(0755);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
