package dev.outlet.invoke;

import dev.outlet.core.writer.BatchSink;
import dev.outlet.core.writer.DurableWriter;
import dev.outlet.core.writer.WriteQueue;
import dev.outlet.core.writer.WriterClosedException;
import dev.outlet.core.writer.WriterOptions;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@link EventJournal} in {@code <dataDir>/invocations.db} ({@link DurableSqlite}: a recorded
 * event is on disk when {@link #record} returns).
 *
 * <p>One platform thread, {@code outlet-event-journal} (a {@link DurableWriter} without linger),
 * owns the connection and commits in groups: every record and settlement queued while the previous
 * transaction committed goes into the next one, so concurrent Event invocations share an fsync
 * instead of waiting for one each. Each {@link #record} caller learns whether its group committed;
 * after {@link #close} it is told {@code invocations.db is closed} instead of waiting.
 */
public final class SqliteEventJournal implements EventJournal, AutoCloseable {
  static final String FILE = "invocations.db";
  private static final int MAX_BATCH = 1_024;
  private static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS pending_events(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL UNIQUE,
            function_name TEXT NOT NULL,
            function_arn TEXT NOT NULL,
            client_context TEXT NULL,
            payload BLOB NOT NULL,
            accepted_ms INTEGER NOT NULL
          )""");

  /** A write for the journal's writer thread. */
  private sealed interface Op {}

  private record Record(String functionName, InvokeRequest request, CompletableFuture<Void> done)
      implements Op {}

  private record Settle(String requestId) implements Op {}

  private final Writes writes;
  private final DurableWriter<Op> writer;

  private SqliteEventJournal(Writes writes) {
    this.writes = writes;
    this.writer =
        DurableWriter.start(
            WriterOptions.of("outlet-event-journal", FILE, MAX_BATCH)
                .withFailureBackoff(Duration.ZERO),
            WriteQueue.unbounded(),
            writes);
  }

  /**
   * Opens (creating it if needed) the journal of {@code dataDir}.
   *
   * @throws StorageException if it cannot be opened
   */
  public static SqliteEventJournal open(Path dataDir) {
    Connection db = DurableSqlite.open(dataDir.resolve(FILE), SCHEMA);
    return new SqliteEventJournal(new Writes(db, InstantSource.system()));
  }

  @Override
  public void record(String functionName, InvokeRequest r) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      writer.append(new Record(functionName, r, done));
    } catch (WriterClosedException e) {
      throw new StorageException(e.getMessage(), e);
    }
    join(done);
  }

  @Override
  public void settle(String requestId) {
    writer.offer(new Settle(requestId)); // after close: nothing to settle into, and nobody waits
  }

  @Override
  public List<Pending> pending() {
    return join(writer.submit(writes::read));
  }

  /** Commits what is queued, then closes the database. */
  @Override
  public void close() {
    writer.close();
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StorageException se) {
        throw se;
      }
      if (cause instanceof WriterClosedException closed) {
        throw new StorageException(closed.getMessage(), closed);
      }
      throw new StorageException("cannot use " + FILE + ": " + cause, cause);
    }
  }

  /** The connection and its statements; confined to the writer thread. */
  private static final class Writes implements BatchSink<Op> {
    private final Connection db;
    private final InstantSource clock;

    Writes(Connection db, InstantSource clock) {
      this.db = db;
      this.clock = clock;
    }

    /** One transaction for the group; each record's caller learns that it committed. */
    @Override
    public void write(List<Op> batch) throws SQLException {
      db.setAutoCommit(false);
      try (PreparedStatement insert =
              db.prepareStatement(
                  "INSERT INTO pending_events(request_id, function_name, function_arn,"
                      + " client_context, payload, accepted_ms) VALUES(?, ?, ?, ?, ?, ?)");
          PreparedStatement delete =
              db.prepareStatement("DELETE FROM pending_events WHERE request_id = ?")) {
        long now = clock.millis();
        for (Op op : batch) {
          switch (op) {
            case Record r -> {
              insert.setString(1, r.request().requestId());
              insert.setString(2, r.functionName());
              insert.setString(3, r.request().invokedFunctionArn());
              insert.setString(4, r.request().clientContext());
              insert.setBytes(5, r.request().payload());
              insert.setLong(6, now);
              insert.executeUpdate();
            }
            case Settle s -> {
              delete.setString(1, s.requestId());
              delete.executeUpdate();
            }
          }
        }
      }
      db.commit();
      db.setAutoCommit(true);
      for (Op op : batch) {
        if (op instanceof Record r) {
          r.done().complete(null);
        }
      }
    }

    @Override
    public void rollback() throws SQLException {
      try {
        db.rollback();
      } finally {
        db.setAutoCommit(true);
      }
    }

    /** Each record's caller learns that its group did not commit. */
    @Override
    public long lost(List<Op> batch, Exception cause, boolean closing) {
      StorageException failure =
          cause instanceof WriterClosedException
              ? new StorageException(cause.getMessage(), cause)
              : new StorageException("cannot write " + FILE + ": " + cause.getMessage(), cause);
      for (Op op : batch) {
        if (op instanceof Record r) {
          r.done().completeExceptionally(failure);
        }
      }
      return batch.size();
    }

    List<Pending> read() throws SQLException {
      List<Pending> out = new ArrayList<>();
      try (PreparedStatement s =
              db.prepareStatement(
                  "SELECT request_id, function_name, function_arn, client_context, payload"
                      + " FROM pending_events ORDER BY seq");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Pending(
                  rs.getString(2),
                  new InvokeRequest(
                      rs.getString(1), rs.getBytes(5), rs.getString(3), rs.getString(4), false)));
        }
      }
      return out;
    }

    @Override
    public void close() {
      DurableSqlite.closeQuietly(db);
    }
  }
}
