package dev.outlet.images;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Opens a layer's tar stream: gzip and zstd are told by their magic bytes (a layer's media type can
 * lie: Docker writes {@code tar.gzip} types for uncompressed layers in some paths), then the result
 * must start with a tar header (or be an empty tar). Read faults of the compressed data become
 * {@link ImageException}s naming the layer: they are the image's, not the disk's.
 */
final class LayerStreams {
  private static final int BLOCK = 512;

  private LayerStreams() {}

  static InputStream open(InputStream raw, String what, SizeBudget budget) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    InputStream tar;
    try {
      if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        tar =
            GzipCompressorInputStream.builder()
                .setInputStream(in)
                .setDecompressConcatenated(true)
                .get();
      } else if (magic.length == 4
          && (magic[0] & 0xff) == 0x28
          && (magic[1] & 0xff) == 0xb5
          && (magic[2] & 0xff) == 0x2f
          && (magic[3] & 0xff) == 0xfd) {
        tar = new ZstdCompressorInputStream(in);
      } else {
        tar = in;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageException ie) {
        throw ie;
      }
      throw new ImageException("the " + what + " has a damaged gzip or zstd header");
    }
    BufferedInputStream counted =
        new BufferedInputStream(new Counted(tar, what, budget), 64 * 1024);
    counted.mark(BLOCK);
    byte[] header = counted.readNBytes(BLOCK);
    counted.reset();
    if (!TarArchiveInputStream.matches(header, header.length) && !allZero(header)) {
      throw new ImageException("the " + what + " is not a gzip, zstd or tar stream");
    }
    return counted;
  }

  private static boolean allZero(byte[] header) {
    if (header.length < BLOCK) {
      return false;
    }
    for (byte b : header) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Counts uncompressed bytes against the budget; a decompressor's fault is the image's. */
  private static final class Counted extends FilterInputStream {
    private final String what;
    private final SizeBudget budget;

    Counted(InputStream in, String what, SizeBudget budget) {
      super(in);
      this.what = what;
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        if (e instanceof ImageException ie) {
          throw ie;
        }
        throw new ImageException("the " + what + " is damaged: " + e.getMessage());
      }
      if (n > 0) {
        budget.addBytes(n);
      }
      return n;
    }

    @Override
    public long skip(long n) {
      byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
