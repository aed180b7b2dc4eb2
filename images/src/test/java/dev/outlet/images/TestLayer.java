package dev.outlet.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** A layer tar written by a test: entries in order, then compressed as asked. */
final class TestLayer {
  enum Compression {
    NONE("application/vnd.oci.image.layer.v1.tar"),
    GZIP("application/vnd.oci.image.layer.v1.tar+gzip"),
    ZSTD("application/vnd.oci.image.layer.v1.tar+zstd");

    final String mediaType;

    Compression(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  private final List<Consumer<TarArchiveOutputStream>> entries = new ArrayList<>();

  static TestLayer of() {
    return new TestLayer();
  }

  TestLayer dir(String name, int mode) {
    return add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
          e.setMode(040000 | mode);
          put(tar, e, new byte[0]);
        });
  }

  TestLayer file(String name, String content, int mode) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  TestLayer file(String name, byte[] content, int mode) {
    return add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, true);
          e.setMode(0100000 | mode);
          e.setSize(content.length);
          put(tar, e, content);
        });
  }

  TestLayer symlink(String name, String target) {
    return link(name, target, TarConstants.LF_SYMLINK);
  }

  TestLayer hardlink(String name, String target) {
    return link(name, target, TarConstants.LF_LINK);
  }

  TestLayer fifo(String name) {
    return add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
          e.setMode(0644);
          put(tar, e, new byte[0]);
        });
  }

  /** A file whose bytes are {@code size} zeros, written without holding them in memory. */
  TestLayer zeros(String name, long size) {
    return add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, true);
          e.setMode(0100644);
          e.setSize(size);
          e.setModTime(java.nio.file.attribute.FileTime.from(MTIME));
          try {
            tar.putArchiveEntry(e);
            byte[] chunk = new byte[64 * 1024];
            for (long left = size; left > 0; left -= chunk.length) {
              tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        });
  }

  private TestLayer link(String name, String target, byte flag) {
    return add(
        tar -> {
          TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
          e.setLinkName(target);
          e.setMode(flag == TarConstants.LF_SYMLINK ? 0120777 : 0100644);
          put(tar, e, new byte[0]);
        });
  }

  private TestLayer add(Consumer<TarArchiveOutputStream> entry) {
    entries.add(entry);
    return this;
  }

  /** Every entry's mtime: the same layer must give the same bytes (its diff_id) every time. */
  static final java.time.Instant MTIME = java.time.Instant.parse("2024-01-02T03:04:05Z");

  private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, byte[] content) {
    e.setModTime(java.nio.file.attribute.FileTime.from(MTIME));
    try {
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The uncompressed tar. */
  byte[] tar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTar(bytes);
    return bytes.toByteArray();
  }

  byte[] bytes(Compression compression) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      switch (compression) {
        case NONE -> writeTar(bytes);
        case GZIP -> {
          try (OutputStream out = new GzipCompressorOutputStream(bytes)) {
            writeTar(out);
          }
        }
        case ZSTD -> {
          try (OutputStream out = new ZstdCompressorOutputStream(bytes)) {
            writeTar(out);
          }
        }
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return bytes.toByteArray();
  }

  private void writeTar(OutputStream out) {
    try {
      TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Consumer<TarArchiveOutputStream> entry : entries) {
        entry.accept(tar);
      }
      tar.finish();
      tar.flush();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
