package dev.outlet.gateway;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Splits a streamed HTTP response ({@code application/vnd.awslambda.http-integration-response})
 * into its JSON prelude and its body, at the first eight NUL bytes (which JSON text cannot hold),
 * however the stream was cut into chunks. Not thread-safe: one stream's writer feeds it.
 */
final class PreludeSplitter {
  /** The largest prelude read: past it, the response is malformed. */
  static final int MAX_PRELUDE = 64 * 1024;

  private static final int NULS = 8;

  /** The prelude, and what followed it in the chunk that ended it. */
  record Split(byte[] prelude, byte[] rest) {}

  private final ByteArrayOutputStream head = new ByteArrayOutputStream();

  /**
   * Feeds the next chunk: null while the prelude is still coming, else the split (fed once; later
   * chunks are all body and go past this).
   *
   * @throws ProxyResponse.Malformed when the prelude passes {@link #MAX_PRELUDE} unended
   */
  Split feed(byte[] chunk) throws ProxyResponse.Malformed {
    int from = Math.max(0, head.size() - (NULS - 1));
    head.write(chunk, 0, chunk.length);
    byte[] all = head.toByteArray();
    int run = 0;
    for (int i = from; i < all.length; i++) {
      run = all[i] == 0 ? run + 1 : 0;
      if (run == NULS) {
        int end = i + 1 - NULS;
        return new Split(
            Arrays.copyOfRange(all, 0, end), Arrays.copyOfRange(all, i + 1, all.length));
      }
    }
    if (all.length > MAX_PRELUDE + NULS) {
      throw new ProxyResponse.Malformed("no prelude end in the first " + MAX_PRELUDE + " bytes");
    }
    return null;
  }
}
