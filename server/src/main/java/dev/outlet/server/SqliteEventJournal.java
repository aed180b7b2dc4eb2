package dev.outlet.server;

import dev.outlet.invoke.EventJournal;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventJournal} in {@code <dataDir>/invocations.db} ({@link DurableSqlite}: a recorded
 * event is on disk when {@link #record} returns).
 *
 * <p>One platform thread, {@code outlet-event-journal}, owns the connection and commits in groups:
 * it takes every record and settlement queued while the previous transaction committed into the
 * next one, so concurrent Event invocations share an fsync instead of waiting for one each.
 */
public final class SqliteEventJournal implements EventJournal, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteEventJournal.class);
  static final String FILE = "invocations.db";
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

  /** What the writer thread is asked to do. */
  private sealed interface Op {}

  private record Record(String functionName, InvokeRequest request, CompletableFuture<Void> done)
      implements Op {}

  private record Settle(String requestId) implements Op {}

  private record Read(CompletableFuture<List<Pending>> result) implements Op {}

  private record Stop() implements Op {}

  private final Connection db;
  private final LinkedBlockingQueue<Op> ops = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  private SqliteEventJournal(Connection db) {
    this.db = db;
    this.writer = Thread.ofPlatform().name("outlet-event-journal").daemon(true).start(this::run);
  }

  /**
   * Opens (creating it if needed) the journal of {@code dataDir}.
   *
   * @throws StorageException if it cannot be opened
   */
  public static SqliteEventJournal open(Path dataDir) {
    return new SqliteEventJournal(DurableSqlite.open(dataDir.resolve(FILE), SCHEMA));
  }

  @Override
  public void record(String functionName, InvokeRequest r) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    submit(new Record(functionName, r, done));
    join(done);
  }

  @Override
  public void settle(String requestId) {
    if (!closed) {
      ops.add(new Settle(requestId));
    }
  }

  @Override
  public List<Pending> pending() {
    CompletableFuture<List<Pending>> result = new CompletableFuture<>();
    submit(new Read(result));
    return join(result);
  }

  /** Finishes what is queued, then closes the database. */
  @Override
  public void close() {
    closed = true;
    ops.add(new Stop());
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    DurableSqlite.closeQuietly(db);
  }

  private void submit(Op op) {
    if (closed) {
      throw new StorageException(FILE + " is closed", null);
    }
    ops.add(op);
  }

  private void run() {
    List<Op> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(ops.take());
      } catch (InterruptedException e) {
        return;
      }
      ops.drainTo(batch);
      boolean stop = false;
      List<Op> writes = new ArrayList<>();
      for (Op op : batch) {
        switch (op) {
          case Record r -> writes.add(r);
          case Settle s -> writes.add(s);
          case Read r -> read(r);
          case Stop s -> stop = true;
        }
      }
      if (!writes.isEmpty()) {
        write(writes);
      }
      batch.clear();
      if (stop) {
        failLeftovers();
        return;
      }
    }
  }

  /** Whoever queued after the stop learns that the journal is closed, instead of waiting. */
  private void failLeftovers() {
    StorageException closedFailure = new StorageException(FILE + " is closed", null);
    for (Op op; (op = ops.poll()) != null; ) {
      if (op instanceof Record r) {
        r.done().completeExceptionally(closedFailure);
      } else if (op instanceof Read r) {
        r.result().completeExceptionally(closedFailure);
      }
    }
  }

  /** One transaction for the group; each record's caller learns whether it committed. */
  private void write(List<Op> writes) {
    RuntimeException failure = null;
    try {
      db.setAutoCommit(false);
      try (PreparedStatement insert =
              db.prepareStatement(
                  "INSERT INTO pending_events(request_id, function_name, function_arn,"
                      + " client_context, payload, accepted_ms) VALUES(?, ?, ?, ?, ?, ?)");
          PreparedStatement delete =
              db.prepareStatement("DELETE FROM pending_events WHERE request_id = ?")) {
        long now = System.currentTimeMillis();
        for (Op op : writes) {
          if (op instanceof Record r) {
            insert.setString(1, r.request().requestId());
            insert.setString(2, r.functionName());
            insert.setString(3, r.request().invokedFunctionArn());
            insert.setString(4, r.request().clientContext());
            insert.setBytes(5, r.request().payload());
            insert.setLong(6, now);
            insert.executeUpdate();
          } else if (op instanceof Settle s) {
            delete.setString(1, s.requestId());
            delete.executeUpdate();
          }
        }
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      failure = new StorageException("cannot write " + FILE + ": " + e.getMessage(), e);
      LOG.warn("could not write {} events to {}", writes.size(), FILE, e);
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the connection is failing already
      }
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // reported with the write
      }
    }
    for (Op op : writes) {
      if (op instanceof Record r) {
        if (failure == null) {
          r.done().complete(null);
        } else {
          r.done().completeExceptionally(failure);
        }
      }
    }
  }

  private void read(Read op) {
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
      op.result().complete(out);
    } catch (SQLException | RuntimeException e) {
      op.result()
          .completeExceptionally(
              new StorageException("cannot read " + FILE + ": " + e.getMessage(), e));
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StorageException se) {
        throw se;
      }
      throw new StorageException("cannot use " + FILE + ": " + e.getCause(), e.getCause());
    }
  }
}
