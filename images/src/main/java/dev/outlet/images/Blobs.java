package dev.outlet.images;

import java.io.IOException;
import java.io.InputStream;

/** Reading small blobs (manifests, configs) whole, verified. */
final class Blobs {
  /** The OCI distribution spec's limit for a manifest; configs are far smaller in practice. */
  static final int MAX_JSON = 4 * 1024 * 1024;

  private Blobs() {}

  /** The bytes of {@code descriptor}'s blob, checked against its digest and size. */
  static byte[] read(BlobSource source, Descriptor descriptor, String what) throws IOException {
    if (descriptor.size() > MAX_JSON) {
      throw new ImageException(
          "the " + what + " " + descriptor.digest() + " is larger than " + MAX_JSON + " bytes");
    }
    return read(source, descriptor.digest(), descriptor.size(), what);
  }

  /** The bytes of the blob {@code digest}, of {@code size} bytes or -1 when unknown. */
  static byte[] read(BlobSource source, Digest digest, long size, String what) throws IOException {
    try (InputStream raw = source.open(digest);
        VerifiedStream in = new VerifiedStream(raw, what + " " + digest, digest, size)) {
      byte[] bytes = in.readNBytes(MAX_JSON + 1);
      if (bytes.length > MAX_JSON) {
        throw new ImageException("the " + what + " " + digest + " is larger than " + MAX_JSON);
      }
      in.drain();
      return bytes;
    }
  }
}
