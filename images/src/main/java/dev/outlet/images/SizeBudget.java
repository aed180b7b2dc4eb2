package dev.outlet.images;

/**
 * The size cap of one unpack, shared by its layers: every uncompressed tar byte and every entry
 * counts as it streams, so a layer bomb stops at the cap whatever its headers declare. Single use,
 * not thread-safe (one unpack runs on one thread).
 */
final class SizeBudget {
  /** AWS's limit on an image function's uncompressed image size. */
  static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;

  /** More entries than any real image holds (a Debian base has about 10,000). */
  static final long MAX_ENTRIES = 2_000_000;

  private final long maxBytes;
  private long bytes;
  private long entries;

  SizeBudget(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  void addBytes(long n) {
    bytes += n;
    if (bytes > maxBytes) {
      throw new ImageException(
          "the image unpacks to more than " + maxBytes + " bytes, the most Outlet accepts");
    }
  }

  void addEntry() {
    if (++entries > MAX_ENTRIES) {
      throw new ImageException(
          "the image has more than " + MAX_ENTRIES + " files, the most Outlet accepts");
    }
  }
}
