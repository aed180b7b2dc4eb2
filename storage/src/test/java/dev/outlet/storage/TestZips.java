package dev.outlet.storage;

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
 * Builds function packages in memory the way zip(1) and Windows tools do: unix modes, symbolic
 * links ({@code zip -y}), bare entries. Shared with other modules' tests through storage's test
 * jar.
 */
public final class TestZips {
  // A plain stream, as zip(1) writing to a pipe: sizes follow each entry in a data descriptor and
  // sit in the central directory. (The seekable in-memory channel is quadratic on many entries.)
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final ZipArchiveOutputStream out = new ZipArchiveOutputStream(buffer);

  private TestZips() {}

  /** ELF e_machine values for {@link #elf}. */
  public static final int X86_64 = 62;

  public static final int AARCH64 = 183;

  /**
   * The 64-byte header of a little-endian ELF64 file for {@code machine}: all the create-time
   * inspection reads of an executable ({@code type} 2) or a shared library ({@code type} 3).
   */
  public static byte[] elf(int machine, int type) {
    byte[] header = new byte[64];
    header[0] = 0x7f;
    header[1] = 'E';
    header[2] = 'L';
    header[3] = 'F';
    header[4] = 2; // ELFCLASS64
    header[5] = 1; // ELFDATA2LSB
    header[6] = 1; // EV_CURRENT
    header[16] = (byte) type;
    header[18] = (byte) machine;
    header[19] = (byte) (machine >> 8);
    return header;
  }

  public static TestZips zip() {
    return new TestZips();
  }

  /** A package holding one executable {@code bootstrap} (mode 0755) with {@code script}. */
  public static byte[] bootstrap(String script) {
    return zip().executable("bootstrap", script).bytes();
  }

  /** An executable file (mode 0755). */
  public TestZips executable(String name, String content) {
    return file(name, content, 0755);
  }

  public TestZips executable(String name, byte[] content) {
    return file(name, content, 0755);
  }

  /** A file made on unix with {@code mode} (e.g. 0755). */
  public TestZips file(String name, String content, int mode) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  public TestZips file(String name, byte[] content, int mode) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(UnixStat.FILE_FLAG | mode);
    return add(entry, content);
  }

  /** A file made on Windows: no unix mode at all. */
  public TestZips windowsFile(String name, String content) {
    return add(new ZipArchiveEntry(name), content.getBytes(StandardCharsets.UTF_8));
  }

  public TestZips dir(String name) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setUnixMode(UnixStat.DIR_FLAG | 0755);
    return add(entry, new byte[0]);
  }

  /** A symbolic link as zip -y stores it: S_IFLNK mode, the target as content. */
  public TestZips symlink(String name, String target) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
    return add(entry, target.getBytes(StandardCharsets.UTF_8));
  }

  /** One entry of {@code size} zero bytes, written streaming: ~1 KB of zip per MB of data. */
  public TestZips zeros(String name, long size) {
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

  private TestZips add(ZipArchiveEntry entry, byte[] content) {
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

  /**
   * Rewrites every declared uncompressed size (central directory and local headers) to {@code
   * declared}: a bomb that lies about its size (readers trust the central directory; the data
   * descriptors after each entry are left alone). Needs a zip without zip64 or archive comment.
   */
  public static byte[] withDeclaredSizes(byte[] zip, int declared) {
    byte[] copy = zip.clone();
    int eocd = copy.length - 22;
    int entries = u16(copy, eocd + 10);
    int central = u32(copy, eocd + 16);
    for (int i = 0; i < entries; i++) {
      putInt(copy, central + 24, declared);
      int local = u32(copy, central + 42);
      putInt(copy, local + 22, declared);
      central += 46 + u16(copy, central + 28) + u16(copy, central + 30) + u16(copy, central + 32);
    }
    return copy;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  private static int u32(byte[] b, int i) {
    return u16(b, i) | u16(b, i + 2) << 16;
  }

  private static void putInt(byte[] b, int i, int value) {
    for (int k = 0; k < 4; k++) {
      b[i + k] = (byte) (value >> (8 * k));
    }
  }
}
