package dev.outlet.sqs;

import dev.outlet.storage.StorageException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A write queued to the {@link SqsStore}: {@link #await} returns once it is committed (with every
 * write queued before it, {@code synchronous=FULL}), or throws what kept it from being committed.
 * Callers queue a write while holding a queue's lock, so that the store commits writes in the order
 * the queue's index saw them, and await it after releasing the lock, so that concurrent operations
 * share one commit.
 */
record Commit(CompletableFuture<Void> done) {
  /** Nothing was written: nothing to wait for. */
  static final Commit NONE = new Commit(CompletableFuture.completedFuture(null));

  /**
   * Waits for the commit.
   *
   * @throws StorageException if the write failed or the store was closed before it was written
   */
  void await() {
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StorageException se) {
        throw se;
      }
      throw new StorageException("the queue store failed: " + e.getCause(), e.getCause());
    }
  }
}
