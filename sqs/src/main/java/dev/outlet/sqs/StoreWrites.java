package dev.outlet.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outlet.core.writer.BatchSink;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link SqsStore}'s connection, on its writer thread only: each batch of writes is one
 * transaction (one fsync), each write inside it a savepoint, so a write that fails (its statement
 * refused) is undone alone and only its caller is told; the others commit. Every caller learns the
 * outcome after the commit, never before; a commit that fails fails the whole batch ({@link
 * #lost}).
 */
final class StoreWrites implements BatchSink<StoreWrites.Write> {

  /** SQL run on the writer's connection. */
  @FunctionalInterface
  interface Sql {
    void run(Connection db) throws SQLException, JsonProcessingException;
  }

  /** A queued write and the future its caller awaits. */
  record Write(Sql sql, CompletableFuture<Void> done) {}

  private final Connection db;
  private final String file;
  private final Sql fence;
  private volatile boolean broken;

  /**
   * @param fence run first in every transaction (null: none): a shared store's check that this node
   *     still owns the queues, which throws when another node took them over
   */
  StoreWrites(Connection db, String file, Sql fence) {
    this.db = db;
    this.file = file;
    this.fence = fence;
  }

  /** Whether a write found the connection gone or the queues another node's: none will succeed. */
  boolean broken() {
    return broken;
  }

  /** The connection, for reads run as writer tasks. */
  Connection db() {
    return db;
  }

  @Override
  public void write(List<Write> batch) throws SQLException, JsonProcessingException {
    db.setAutoCommit(false);
    if (fence != null) {
      try {
        fence.run(db);
      } catch (SQLException | RuntimeException e) {
        broken = true; // gone, or another node's now: the whole batch is lost
        throw e;
      }
    }
    if (batch.size() == 1) {
      batch.getFirst().sql().run(db); // throws: the writer rolls back and tells it (lost)
      commit();
      batch.getFirst().done().complete(null);
      return;
    }
    List<Exception> failures = new ArrayList<>(batch.size());
    for (Write w : batch) {
      failures.add(attempt(w));
    }
    commit();
    for (int i = 0; i < batch.size(); i++) {
      Exception failure = failures.get(i);
      if (failure == null) {
        batch.get(i).done().complete(null);
      } else {
        batch.get(i).done().completeExceptionally(failed(failure));
      }
    }
  }

  /** Runs {@code w} in a savepoint: null when it worked, else what it threw (and it is undone). */
  private Exception attempt(Write w) throws SQLException {
    Savepoint savepoint = db.setSavepoint();
    try {
      w.sql().run(db);
      db.releaseSavepoint(savepoint);
      return null;
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      db.rollback(savepoint);
      db.releaseSavepoint(savepoint);
      return e;
    }
  }

  private void commit() throws SQLException {
    db.commit();
    db.setAutoCommit(true);
  }

  @Override
  public void rollback() throws SQLException {
    try {
      db.rollback();
    } finally {
      db.setAutoCommit(true);
    }
  }

  @Override
  public long lost(List<Write> batch, Exception cause, boolean closing) {
    if (fence != null && !broken && dev.outlet.core.SqlConnections.broken(db)) {
      broken = true;
    }
    StorageException failure = failed(cause);
    for (Write w : batch) {
      w.done().completeExceptionally(failure);
    }
    return batch.size();
  }

  private StorageException failed(Exception cause) {
    if (cause instanceof StorageException se) {
      return se;
    }
    return new StorageException("cannot write " + file + ": " + cause.getMessage(), cause);
  }

  @Override
  public void close() {
    DurableSqlite.closeQuietly(db);
  }
}
