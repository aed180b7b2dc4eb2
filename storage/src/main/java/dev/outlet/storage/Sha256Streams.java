package dev.outlet.storage;

import dev.outlet.core.BlobStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashing streams for {@link BlobStore}s: a capped copy that names what it copied, a checked read.
 */
public final class Sha256Streams {
  private Sha256Streams() {}

  /** A new SHA-256 digest. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies {@code in} to {@code out}, at most {@code maxBytes}; the SHA-256 hex of what was copied.
   *
   * @throws BlobStore.TooLarge when {@code in} holds more (what was copied is the caller's to drop)
   */
  public static String copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
    MessageDigest d = digest();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      total += n;
      if (total > maxBytes) {
        throw new BlobStore.TooLarge(maxBytes);
      }
      d.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * {@code in}, hashed as it is read; at its end it throws unless the bytes hash to {@code sha256}.
   */
  public static InputStream checked(InputStream in, String sha256) {
    return new FilterInputStream(in) {
      private final MessageDigest d = digest();
      private boolean checked;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          check();
        } else {
          d.update((byte) b);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
          check();
        } else {
          d.update(buf, off, n);
        }
        return n;
      }

      /** Reads what it skips: every byte must pass through the digest. */
      @Override
      public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
          int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
          if (r < 0) {
            break;
          }
          skipped += r;
        }
        return skipped;
      }

      private void check() throws IOException {
        if (checked) {
          return;
        }
        String actual = HexFormat.of().formatHex(d.digest());
        if (!actual.equals(sha256)) {
          throw new BlobStore.Corrupt(sha256, actual);
        }
        checked = true;
      }
    };
  }
}
