package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Container images built by the tests without Docker: files, folders and links (some copied from
 * the host, at the same paths) in one plain tar layer, and a config with ENTRYPOINT, CMD, Env and
 * WorkingDir, written as an OCI layout (for {@code linux/amd64} unless told otherwise).
 */
public final class ImageLayouts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Map<String, Entry>> layers = new ArrayList<>();
  private Map<String, Entry> entries = new LinkedHashMap<>();
  private final ObjectNode config = JSON.createObjectNode();
  private String architecture = "amd64";

  private sealed interface Entry {}

  private record File(byte[] content, int mode) implements Entry {}

  private record Dir(int mode) implements Entry {}

  private record Link(String target) implements Entry {}

  public static ImageLayouts image() {
    return new ImageLayouts();
  }

  /**
   * An image laid out as AWS's base images are: the host's {@code /bin/sh} with its loader and libc
   * (Debian x86_64 paths), {@code /lambda-entrypoint.sh} exporting its argument as {@code _HANDLER}
   * and exec'ing {@code /var/runtime/bootstrap} (here {@code runtime}), an empty {@code /var/task},
   * AWS's {@code ENTRYPOINT}, {@code CMD ["app.handler"]}, {@code WORKDIR /var/task} and the
   * variables {@code env} (after LAMBDA_TASK_ROOT and PATH as AWS's base images set them).
   */
  public static ImageLayouts awsBase(Path runtime, String... env) throws IOException {
    ImageLayouts image = image();
    for (String host :
        List.of("/bin/sh", "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6")) {
      image.fromHost(host);
    }
    List<String> lines = new ArrayList<>();
    lines.add("LAMBDA_TASK_ROOT=/var/task");
    lines.add("PATH=/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    lines.addAll(List.of(env));
    return image
        .file(
            "lambda-entrypoint.sh",
            "#!/bin/sh\nexport _HANDLER=\"$1\"\nexec /var/runtime/bootstrap\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            0755)
        .file("var/runtime/bootstrap", Files.readAllBytes(runtime), 0755)
        .dir("var/task")
        .env(lines.toArray(String[]::new))
        .entrypoint("/lambda-entrypoint.sh")
        .cmd("app.handler")
        .workingDir("/var/task");
  }

  public ImageLayouts file(String path, byte[] content, int mode) {
    parents(path);
    entries.put(path, new File(content, mode));
    return this;
  }

  public ImageLayouts dir(String path) {
    parents(path);
    entries.putIfAbsent(path, new Dir(0755));
    return this;
  }

  /**
   * The host's file at {@code hostPath} at the same path in the image, with every symbolic link on
   * the way (/bin to usr/bin, the loader's links) copied as a link, as a package would install it.
   */
  public ImageLayouts fromHost(String hostPath) throws IOException {
    List<String> pending = new ArrayList<>(List.of(hostPath.substring(1).split("/")));
    Path current = Path.of("/");
    int links = 0;
    while (!pending.isEmpty()) {
      String segment = pending.removeFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        current = current.getParent() == null ? current : current.getParent();
        continue;
      }
      Path next = current.resolve(segment);
      String inImage = Path.of("/").relativize(next).toString();
      if (Files.isSymbolicLink(next)) {
        if (++links > 40) {
          throw new IOException("too many links: " + hostPath);
        }
        String target = Files.readSymbolicLink(next).toString();
        parents(inImage);
        entries.put(inImage, new Link(target));
        if (target.startsWith("/")) {
          current = Path.of("/");
        }
        pending.addAll(0, List.of(target.split("/")));
      } else if (Files.isDirectory(next)) {
        dir(inImage);
        current = next;
      } else {
        file(inImage, Files.readAllBytes(next), mode(next));
      }
    }
    return this;
  }

  /** Starts the image's next layer: what follows is written over the layers before it. */
  public ImageLayouts layer() {
    layers.add(entries);
    entries = new LinkedHashMap<>();
    return this;
  }

  /** A whiteout in this layer: {@code path} of the layers below is deleted. */
  public ImageLayouts whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return file(
        path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0644);
  }

  /** An opaque marker in this layer: {@code dir} loses what the layers below put in it. */
  public ImageLayouts opaque(String dir) {
    return file(dir + "/.wh..wh..opq", new byte[0], 0644);
  }

  /** The config's architecture: {@code amd64} (the default) or {@code arm64}. */
  public ImageLayouts architecture(String architecture) {
    this.architecture = architecture;
    return this;
  }

  public ImageLayouts entrypoint(String... words) {
    config.putPOJO("Entrypoint", List.of(words));
    return this;
  }

  public ImageLayouts cmd(String... words) {
    config.putPOJO("Cmd", List.of(words));
    return this;
  }

  public ImageLayouts env(String... lines) {
    config.putPOJO("Env", List.of(lines));
    return this;
  }

  public ImageLayouts workingDir(String dir) {
    config.put("WorkingDir", dir);
    return this;
  }

  /** Writes the OCI layout into {@code dir}. */
  public Path write(Path dir) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    List<Map<String, Entry>> all = new ArrayList<>(layers);
    all.add(entries);
    List<byte[]> tars = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (Map<String, Entry> layer : all) {
      byte[] bytes = tar(layer);
      tars.add(bytes);
      digests.add(put(blobs, bytes));
    }
    ObjectNode full = JSON.createObjectNode();
    full.put("architecture", architecture).put("os", "linux").set("config", config);
    var diffIds = full.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    digests.forEach(diffIds::add);
    byte[] configBytes = JSON.writeValueAsBytes(full);
    String configDigest = put(blobs, configBytes);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest
        .putObject("config")
        .put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", configDigest)
        .put("size", configBytes.length);
    var layerArray = manifest.putArray("layers");
    for (int i = 0; i < tars.size(); i++) {
      layerArray
          .addObject()
          .put("mediaType", "application/vnd.oci.image.layer.v1.tar")
          .put("digest", digests.get(i))
          .put("size", tars.get(i).length);
    }
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    String manifestDigest = put(blobs, manifestBytes);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index
        .putArray("manifests")
        .addObject()
        .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", manifestDigest)
        .put("size", manifestBytes.length)
        .putObject("annotations")
        .put("org.opencontainers.image.ref.name", "latest");
    Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    return dir;
  }

  private void parents(String path) {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      dir(path.substring(0, slash));
    }
  }

  private static byte[] tar(Map<String, Entry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        TarArchiveEntry t;
        byte[] content = new byte[0];
        switch (e.getValue()) {
          case File f -> {
            t = new TarArchiveEntry(e.getKey());
            t.setMode(f.mode());
            content = f.content();
            t.setSize(content.length);
          }
          case Dir d -> {
            t = new TarArchiveEntry(e.getKey() + "/");
            t.setMode(d.mode());
          }
          case Link l -> {
            t = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
            t.setLinkName(l.target());
          }
        }
        t.setModTime(0);
        tar.putArchiveEntry(t);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static int mode(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission bit : perms) {
      mode |= 1 << (8 - bit.ordinal());
    }
    return mode;
  }

  private static String put(Path blobs, byte[] bytes) throws IOException {
    String hex = OciLayouts.hex(OciLayouts.sha256(bytes));
    Files.write(blobs.resolve(hex), bytes);
    return "sha256:" + hex;
  }
}
