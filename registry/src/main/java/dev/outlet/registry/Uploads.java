package dev.outlet.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The open upload sessions, and the one owner of their states: a session is lent ({@link #take}) to
 * one request at a time and given back ({@link #giveBack}) or {@link #discard}ed. Sessions idle for
 * longer than {@link #IDLE_NANOS} are discarded when the next one starts. Thread-safe (its lock,
 * held only over the map and the states).
 */
final class Uploads {
  static final long IDLE_NANOS = 3_600_000_000_000L; // an hour

  private final BlobStore blobs;
  private final LongSupplier nanos;
  private final Map<String, Upload> open = new HashMap<>();

  Uploads(BlobStore blobs, LongSupplier nanos) {
    this.blobs = blobs;
    this.nanos = nanos;
  }

  /** A new session for {@code repository}, already lent to the caller. */
  Upload start(String repository) {
    String id = UUID.randomUUID().toString();
    Upload u = new Upload(id, repository, blobs.upload(id));
    List<Upload> stale = new ArrayList<>();
    synchronized (this) {
      long now = nanos.getAsLong();
      open.values()
          .removeIf(
              old -> {
                boolean idle =
                    old.state == Upload.State.IDLE && now - old.touchedNanos > IDLE_NANOS;
                if (idle) {
                  old.state = Upload.State.CLOSED;
                  stale.add(old);
                }
                return idle;
              });
      u.state = Upload.State.RECEIVING;
      u.touchedNanos = now;
      open.put(id, u);
    }
    stale.forEach(Uploads::delete);
    return u;
  }

  /** A new session for {@code repository}, idle (a later request takes it). */
  Upload startIdle(String repository) {
    Upload u = start(repository);
    giveBack(u);
    return u;
  }

  /** Lends session {@code id} of {@code repository}: BLOB_UPLOAD_UNKNOWN, or INVALID when busy. */
  synchronized Upload take(String repository, String id) {
    Upload u = open.get(id);
    if (u == null || !u.repository().equals(repository)) {
      throw new RegistryError(
          RegistryError.Code.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry", id);
    }
    if (u.state != Upload.State.IDLE) {
      throw new RegistryError(
          RegistryError.Code.BLOB_UPLOAD_INVALID, "the upload is receiving another request", id);
    }
    u.state = Upload.State.RECEIVING;
    u.touchedNanos = nanos.getAsLong();
    return u;
  }

  /** Whether session {@code id} of {@code repository} is open (for a status request). */
  synchronized Upload peek(String repository, String id) {
    Upload u = open.get(id);
    if (u == null || !u.repository().equals(repository) || u.state == Upload.State.CLOSED) {
      throw new RegistryError(
          RegistryError.Code.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry", id);
    }
    return u;
  }

  synchronized void giveBack(Upload u) {
    if (u.state == Upload.State.RECEIVING) {
      u.state = Upload.State.IDLE;
      u.touchedNanos = nanos.getAsLong();
    }
  }

  /** Ends a session that was committed: forgotten, its file already moved. */
  synchronized void finished(Upload u) {
    u.state = Upload.State.CLOSED;
    open.remove(u.id());
  }

  /** Ends a session and deletes its file (blocking: a virtual thread). */
  void discard(Upload u) {
    synchronized (this) {
      u.state = Upload.State.CLOSED;
      open.remove(u.id());
    }
    delete(u);
  }

  private static void delete(Upload u) {
    u.closeQuietly();
    try {
      Files.deleteIfExists(u.file());
    } catch (IOException e) {
      // swept at the next start
    }
  }

  synchronized int size() {
    return open.size();
  }
}
