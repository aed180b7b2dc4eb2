package dev.outlet.images;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob's bytes checked while they stream: never more than the declared size, and at the end
 * exactly that size with exactly the declared digest, else an {@link ImageException}. Whoever reads
 * it must read to the end ({@link #drain}) before trusting what it wrote, and must discard what it
 * wrote when the check fails. Not thread-safe.
 */
final class VerifiedStream extends FilterInputStream {
  private final String what;
  private final Digest expected;
  private final long size;
  private final MessageDigest hasher;
  private long count;
  private boolean verified;

  /**
   * @param what names the blob in messages ("layer 2 (sha256:...)")
   * @param size the exact size, or -1 when unknown (then only the digest is checked)
   */
  VerifiedStream(InputStream in, String what, Digest expected, long size) {
    super(in);
    this.what = what;
    this.expected = expected;
    this.size = size;
    this.hasher = Digest.newHasher(expected.algorithm());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, size < 0 ? len : (int) Math.min(len, Math.max(1, size - count + 1)));
    if (n < 0) {
      verify();
      return -1;
    }
    hasher.update(b, off, n);
    count += n;
    if (size >= 0 && count > size) {
      throw new ImageException(
          "the " + what + " is larger than the " + size + " bytes its descriptor declares");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
    int read = read(buffer, 0, buffer.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what is left (the end of a tar or a compressed frame) and checks the digest. */
  void drain() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (read(buffer, 0, buffer.length) >= 0) {
      // counted and hashed by read
    }
  }

  private void verify() {
    if (verified) {
      return;
    }
    if (size >= 0 && count != size) {
      throw new ImageException(
          "the " + what + " has " + count + " bytes, not the " + size + " its descriptor declares");
    }
    String actual = HexFormat.of().formatHex(hasher.digest());
    if (!actual.equals(expected.hex())) {
      throw new ImageException(
          "the "
              + what
              + " does not match its digest "
              + expected
              + ": its bytes hash to "
              + expected.algorithm()
              + ":"
              + actual);
    }
    verified = true;
  }
}
