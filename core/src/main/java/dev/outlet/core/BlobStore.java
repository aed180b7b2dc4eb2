package dev.outlet.core;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed bytes (function code, layers, image layers): a blob is named by the SHA-256 of
 * its bytes, stored once however often it is put, and checked against that name while it is read.
 * One machine keeps them in a folder; the nodes of a cluster in a folder they share ({@code
 * --blob-dir}) or in PostgreSQL's large objects (issue 20).
 *
 * <p>Contract: {@link #put} reads at most {@code maxBytes} (more is refused and nothing is kept)
 * and returns once the blob is durable; {@link #open} streams a blob whose bytes are hashed as they
 * are read, and the stream throws {@link Corrupt} instead of ending when they do not match the
 * name. A blob appears whole or not at all. Calls block: off event loops.
 */
public interface BlobStore extends AutoCloseable {

  /** A stored blob's bytes do not match its name: the storage was damaged. */
  final class Corrupt extends IOException {
    private static final long serialVersionUID = 1L;

    public Corrupt(String digest, String actual) {
      super("blob " + digest + " is corrupt: its bytes hash to " + actual);
    }
  }

  /** A put that would exceed its limit. */
  final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    public TooLarge(long maxBytes) {
      super("the blob is larger than its limit of " + maxBytes + " bytes");
    }
  }

  /**
   * Stores what {@code in} holds, at most {@code maxBytes}; the SHA-256 of the bytes (lowercase
   * hex).
   *
   * @throws TooLarge when {@code in} holds more, nothing stored
   */
  String put(InputStream in, long maxBytes) throws IOException;

  /**
   * The bytes of blob {@code sha256}, checked as they are read.
   *
   * @throws java.nio.file.NoSuchFileException when there is none
   */
  InputStream open(String sha256) throws IOException;

  boolean exists(String sha256) throws IOException;

  /**
   * Counts as a put of bytes already stored: marks blob {@code sha256} as put now, so that {@link
   * #deleteUnlessPutWithin} keeps it; whether there is such a blob (false: put it). A writer that
   * skips storing bytes it finds stored calls this instead of {@link #exists}, so a blob about to
   * be referenced again is never removed as unused meanwhile.
   */
  boolean touch(String sha256) throws IOException;

  /** The names of every stored blob, in no order. */
  java.util.List<String> list() throws IOException;

  /**
   * Removes blob {@code sha256} unless it was put (or {@link #touch}ed) within the last {@code
   * grace}, as one step against a concurrent put; whether it removed it.
   */
  boolean deleteUnlessPutWithin(String sha256, java.time.Duration grace) throws IOException;

  /** Removes a blob; false when there was none. */
  boolean delete(String sha256) throws IOException;

  @Override
  void close();
}
