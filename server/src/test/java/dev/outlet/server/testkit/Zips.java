package dev.outlet.server.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds function packages in memory as zip(1) does: unix modes, symbolic links ({@code zip -y}),
 * and entries streamed to a plain output (sizes in data descriptors and the central directory).
 */
public final class Zips {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final ZipArchiveOutputStream out = new ZipArchiveOutputStream(buffer);

  private Zips() {}

  public static Zips zip() {
    return new Zips();
  }

  /** A package holding one executable {@code bootstrap} (mode 0755) with {@code script}. */
  public static byte[] bootstrap(String script) {
    return zip().executable("bootstrap", script).bytes();
  }

  /** An executable file (mode 0755). */
  public Zips executable(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0755);
  }

  public Zips executable(String name, byte[] content) {
    return file(name, content, 0755);
  }

  /** A file with the unix permission bits {@code mode} (e.g. 0644). */
  public Zips file(String name, String content, int mode) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  public Zips file(String name, byte[] content, int mode) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(UnixStat.FILE_FLAG | mode);
    return add(entry, content);
  }

  public Zips dir(String name) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setUnixMode(UnixStat.DIR_FLAG | 0755);
    return add(entry, new byte[0]);
  }

  /** A symbolic link as {@code zip -y} stores it: S_IFLNK mode, the target as the content. */
  public Zips symlink(String name, String target) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
    return add(entry, target.getBytes(StandardCharsets.UTF_8));
  }

  /** One entry of {@code size} zero bytes, streamed: never holds more than 1 MB of it. */
  public Zips zeros(String name, long size) {
    try {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setUnixMode(UnixStat.FILE_FLAG | 0644);
      out.putArchiveEntry(entry);
      byte[] chunk = new byte[1 << 20];
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] bytes() {
    try {
      out.finish();
      out.close();
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Zips add(ZipArchiveEntry entry, byte[] content) {
    try {
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lambda's CodeSha256: base64 (not hex) of the SHA-256 of the zip bytes. */
  public static String sha256Base64(byte[] zip) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
