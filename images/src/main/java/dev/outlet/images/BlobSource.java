package dev.outlet.images;

import java.io.IOException;
import java.io.InputStream;

/**
 * A content-addressed store of blobs (manifests, configs, layers): an OCI layout's {@code blobs}
 * folder, an image tarball, or the registry's blob store. Implementations must be safe to call from
 * several threads; each stream is read by one.
 *
 * <p>The stream is read as it is: callers check the bytes against {@code digest} while streaming
 * ({@link VerifiedStream}), so a store need not verify.
 */
public interface BlobSource {
  /**
   * Opens the blob {@code digest}.
   *
   * @throws ImageException when the store has no such blob
   * @throws IOException for a local fault reading it
   */
  InputStream open(Digest digest) throws IOException;
}
