import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * An OCI image layout written by the driver itself (no Docker): {@code oci-layout}, {@code
 * index.json} and {@code blobs/sha256/}, gzip tar layers ({@link Layer}), one config and manifest
 * per tag. Tags added with {@link #tag} share the layers and differ in their config (a label), so
 * each has its own manifest digest: Outlet unpacks each one afresh. Not thread-safe.
 */
final class OciLayout {
  /** A layer written to the layout: its blob's digest and size, its uncompressed tar's digest. */
  record Layer(String digest, long size, String diffId, Path blob) {}

  final Path dir;
  final List<Layer> layers = new ArrayList<>();
  private final List<String> index = new ArrayList<>();

  OciLayout(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  /** The layers' blob bytes (what a push uploads, config and manifests aside). */
  long layerBytes() {
    return layers.stream().mapToLong(Layer::size).sum();
  }

  /**
   * Writes one gzip tar layer with whatever {@code body} puts in it. Deflate level 0: the bench's
   * content is random, which deflate stores as it is at any level; level 0 only gets there faster.
   */
  Layer layer(TarBody body) throws IOException {
    Path tmp = Files.createTempFile(dir, "layer-", ".tmp");
    MessageDigest blob = sha256();
    MessageDigest diff = sha256();
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
        DigestOutputStream blobOut = new DigestOutputStream(file, blob);
        GZIPOutputStream gz = new GZIPOutputStream(blobOut, 1 << 16) {
          {
            def.setLevel(Deflater.NO_COMPRESSION);
          }
        };
        DigestOutputStream tarOut = new DigestOutputStream(gz, diff)) {
      Tar tar = new Tar(tarOut);
      body.write(tar);
      tar.finish();
    }
    String hex = HexFormat.of().formatHex(blob.digest());
    Path target = dir.resolve("blobs/sha256").resolve(hex);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Layer l = new Layer("sha256:" + hex, Files.size(target),
        "sha256:" + HexFormat.of().formatHex(diff.digest()), target);
    layers.add(l);
    return l;
  }

  /**
   * Adds an image of every layer so far under {@code tag}: config ({@code Entrypoint}, a label
   * naming the tag) and manifest blobs, and its entry in index.json (rewritten).
   */
  void tag(String tag, List<String> entrypoint) throws IOException {
    String diffIds = layers.stream().map(l -> Json.str(l.diffId()))
        .collect(Collectors.joining(",", "[", "]"));
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":"
        + entrypoint.stream().map(Json::str).collect(Collectors.joining(",", "[", "]"))
        + ",\"Labels\":{\"outlet.bench.tag\":" + Json.str(tag) + "}}"
        + ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":" + diffIds + "}}";
    String[] c = blob(config);
    String layerList = layers.stream()
        .map(l -> "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":"
            + Json.str(l.digest()) + ",\"size\":" + l.size() + "}")
        .collect(Collectors.joining(",", "[", "]"));
    String manifest = "{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":" + Json.str(c[0])
        + ",\"size\":" + c[1] + "},\"layers\":" + layerList + "}";
    String[] m = blob(manifest);
    index.add("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":"
        + Json.str(m[0]) + ",\"size\":" + m[1]
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":" + Json.str(tag) + "}}");
    Files.writeString(dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", index) + "]}");
  }

  private String[] blob(String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(sha256().digest(b));
    Files.write(dir.resolve("blobs/sha256").resolve(hex), b);
    return new String[] {"sha256:" + hex, Integer.toString(b.length)};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What goes into one layer. */
  interface TarBody {
    void write(Tar tar) throws IOException;
  }

  /** A minimal ustar writer: directories and regular files, owner 0:0, short paths. */
  static final class Tar {
    private final OutputStream out;
    private final byte[] zeros = new byte[512];

    Tar(OutputStream out) {
      this.out = out;
    }

    void dir(String path, int mode) throws IOException {
      header(path.endsWith("/") ? path : path + "/", mode, 0, '5');
    }

    void file(String path, int mode, InputStream data, long size) throws IOException {
      header(path, mode, size, '0');
      long copied = data.transferTo(out);
      if (copied != size) {
        throw new IOException(path + ": " + copied + " bytes, expected " + size);
      }
      pad(size);
    }

    /** A file of {@code size} pseudo-random (incompressible) bytes. */
    void randomFile(String path, long size, SplittableRandom random) throws IOException {
      header(path, 0644, size, '0');
      byte[] buf = new byte[64 * 1024];
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(left, buf.length);
        for (int i = 0; i < n; i += 8) {
          long v = random.nextLong();
          for (int k = 0; k < 8 && i + k < n; k++) {
            buf[i + k] = (byte) (v >>> (8 * k));
          }
        }
        out.write(buf, 0, n);
        left -= n;
      }
      pad(size);
    }

    void finish() throws IOException {
      out.write(zeros);
      out.write(zeros);
    }

    private void pad(long size) throws IOException {
      int rest = (int) (size % 512);
      if (rest != 0) {
        out.write(zeros, 0, 512 - rest);
      }
    }

    private void header(String path, int mode, long size, char type) throws IOException {
      byte[] h = new byte[512];
      byte[] name = path.getBytes(StandardCharsets.UTF_8);
      if (name.length > 100) {
        throw new IOException("tar path too long for this writer: " + path);
      }
      System.arraycopy(name, 0, h, 0, name.length);
      octal(h, 100, 8, mode);
      octal(h, 108, 8, 0);
      octal(h, 116, 8, 0);
      octal(h, 124, 12, size);
      octal(h, 136, 12, 1_700_000_000L);
      java.util.Arrays.fill(h, 148, 156, (byte) ' ');
      h[156] = (byte) type;
      System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
      h[263] = '0';
      h[264] = '0';
      long sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      octal(h, 148, 7, sum);
      out.write(h);
    }

    /** {@code len - 1} zero-padded octal digits and a NUL. */
    private static void octal(byte[] h, int off, int len, long value) {
      String s = Long.toOctalString(value);
      s = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
      System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
      h[off + len - 1] = 0;
    }
  }
}
