package dev.outlet.core.writer;

import java.util.List;

/**
 * What a {@link DurableWriter} stores its batches into. Every method runs on the writer's thread
 * only, so an implementation owns its connection (or in-memory state) without locks.
 *
 * @param <E> the queued items
 */
public interface BatchSink<E> {

  /**
   * Stores {@code batch} as one unit (one transaction, committed before returning). On an exception
   * the writer calls {@link #rollback()} and then {@link #lost}.
   */
  void write(List<E> batch) throws Exception;

  /** Undoes what a failed {@link #write} left open (rolls the transaction back). */
  default void rollback() throws Exception {}

  /**
   * Told which items a failed write lost (after the rollback).
   *
   * @param closing whether the writer is closing (no later batch will follow)
   * @return how many of them to count as dropped
   */
  default long lost(List<E> batch, Exception cause, boolean closing) {
    return batch.size();
  }

  /**
   * Housekeeping between batches (retention, periodic merges); called on every turn of the loop, at
   * least once per {@link WriterOptions#idleWake()}. Failures are logged, the writer goes on.
   */
  default void housekeep() throws Exception {}

  /** Releases the resource once the last batch is stored and the last task has run. */
  void close() throws Exception;
}
