package dev.outlet.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One blob upload session: its file under {@code uploads/}, the running SHA-256 of what it holds
 * and its size. Contract: 1. {@link Uploads} owns the session's state (IDLE, RECEIVING, CLOSED) and
 * lends it to one request at a time; 2. only the request holding it writes (on one virtual thread);
 * 3. a session that failed mid-chunk is discarded, never resumed, so its digest always covers
 * exactly its file.
 */
final class Upload {
  /** Where a session is. */
  enum State {
    IDLE,
    RECEIVING,
    CLOSED
  }

  private final String id;
  private final String repository;
  private final Path file;
  private final MessageDigest sha;
  private FileChannel channel;
  private long size;
  State state = State.IDLE; // guarded by Uploads
  long touchedNanos; // guarded by Uploads

  Upload(String id, String repository, Path file) {
    this.id = id;
    this.repository = repository;
    this.file = file;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String id() {
    return id;
  }

  String repository() {
    return repository;
  }

  Path file() {
    return file;
  }

  /** Bytes received so far. */
  long size() {
    return size;
  }

  /** Appends {@code bytes} (the holder's thread only). */
  void write(byte[] bytes) throws IOException {
    FileChannel c = open();
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      c.write(b);
    }
    sha.update(bytes);
    size += bytes.length;
  }

  /** Flushes and closes the file, returning the digest of everything written. */
  Digest finish() throws IOException {
    FileChannel c = open();
    c.force(true);
    c.close();
    return Digest.of(sha.digest());
  }

  /** Closes the file if open (discarding). */
  void closeQuietly() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // being discarded
      }
    }
  }

  private FileChannel open() throws IOException {
    if (channel == null) {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    return channel;
  }
}
