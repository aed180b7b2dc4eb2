package dev.outlet.local.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Turns a {@code CodeUri} into zip bytes: a {@code .zip} as it is, a folder as a reproducible zip
 * (entries sorted, fixed timestamps, unix modes kept: the exec bit matters to Lambda) so the same
 * files always give the same {@code CodeSha256} and a second deploy sees no change. Stateless.
 */
public final class Packager {
  static final long STORE_LIMIT = 40L << 20;
  private static final long FIXED_TIME = 315532800000L + 86_400_000L; // 1980-01-02, zip's epoch

  private Packager() {}

  /** The zip bytes of a folder or zip file. */
  public static byte[] zip(Path codeUri) throws IOException {
    if (Files.isDirectory(codeUri)) {
      return zipFolder(codeUri);
    }
    byte[] bytes = Files.readAllBytes(codeUri);
    checkReadable(codeUri, bytes);
    return bytes;
  }

  /** Throws when {@code bytes} is not a complete zip (e.g. still being written). */
  public static void checkReadable(Path file, byte[] bytes) throws IOException {
    try (ZipFile z =
        ZipFile.builder()
            .setSeekableByteChannel(
                new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(bytes))
            .get()) {
      z.getEntries().hasMoreElements();
    } catch (IOException e) {
      throw new IOException(file + " is not a readable zip: " + e.getMessage(), e);
    }
  }

  /** {@code CodeSha256} as Lambda reports it: base64 of the SHA-256 of the zip. */
  public static String sha256(byte[] zip) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zipFolder(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).sorted().forEach(files::add);
    }
    long total = 0;
    for (Path p : files) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        total += Files.size(p);
      }
    }
    // Stored entries cost no compression time (watch mode reloads a Go binary in milliseconds,
    // not the hundreds deflate takes); above STORE_LIMIT the zip is deflated to stay under
    // Lambda's 50 MB zipped limit. Either way the same files give the same bytes.
    boolean store = total <= STORE_LIMIT;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
      out.setLevel(java.util.zip.Deflater.BEST_SPEED);
      for (Path p : files) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        boolean folder = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        ZipArchiveEntry e = new ZipArchiveEntry(folder ? name + "/" : name);
        e.setTime(FIXED_TIME);
        if (Files.isSymbolicLink(p)) {
          e.setUnixMode(0120777);
          out.putArchiveEntry(e);
          out.write(
              Files.readSymbolicLink(p)
                  .toString()
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
          e.setUnixMode((folder ? 040000 : 0100000) | mode(p));
          byte[] content = folder ? new byte[0] : Files.readAllBytes(p);
          if (store) {
            CRC32 crc = new CRC32();
            crc.update(content);
            e.setMethod(ZipArchiveEntry.STORED);
            e.setSize(content.length);
            e.setCrc(crc.getValue());
          }
          out.putArchiveEntry(e);
          out.write(content);
        }
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static int mode(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int m = 0;
    for (PosixFilePermission perm : perms) {
      m |=
          switch (perm) {
            case OWNER_READ -> 0400;
            case OWNER_WRITE -> 0200;
            case OWNER_EXECUTE -> 0100;
            case GROUP_READ -> 040;
            case GROUP_WRITE -> 020;
            case GROUP_EXECUTE -> 010;
            case OTHERS_READ -> 04;
            case OTHERS_WRITE -> 02;
            case OTHERS_EXECUTE -> 01;
          };
    }
    return m;
  }
}
