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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventJournal} in {@code <dataDir>/invocations.db} ({@link DurableSqlite}: a recorded
 * event is on disk when {@link #record} returns). One platform thread owns the connection: records
 * wait for it, settlements are queued to it.
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

  private final Connection db;
  private final ExecutorService writer;

  private SqliteEventJournal(Connection db) {
    this.db = db;
    this.writer =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("outlet-event-journal").daemon(true).factory());
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
    await(
        writer.submit(
            () -> {
              try (PreparedStatement s =
                  db.prepareStatement(
                      "INSERT INTO pending_events(request_id, function_name, function_arn,"
                          + " client_context, payload, accepted_ms) VALUES(?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.requestId());
                s.setString(2, functionName);
                s.setString(3, r.invokedFunctionArn());
                s.setString(4, r.clientContext());
                s.setBytes(5, r.payload());
                s.setLong(6, System.currentTimeMillis());
                s.executeUpdate();
              }
              return null;
            }));
  }

  @Override
  public void settle(String requestId) {
    if (writer.isShutdown()) {
      return;
    }
    writer.execute(
        () -> {
          try (PreparedStatement s =
              db.prepareStatement("DELETE FROM pending_events WHERE request_id = ?")) {
            s.setString(1, requestId);
            s.executeUpdate();
          } catch (SQLException e) {
            LOG.warn(
                "could not forget settled event {}; it may run again after a restart",
                requestId,
                e);
          }
        });
  }

  @Override
  public List<Pending> pending() {
    return await(
        writer.submit(
            () -> {
              List<Pending> out = new ArrayList<>();
              try (PreparedStatement s =
                      db.prepareStatement(
                          "SELECT request_id, function_name, function_arn, client_context,"
                              + " payload FROM pending_events ORDER BY seq");
                  ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                  out.add(
                      new Pending(
                          rs.getString(2),
                          new InvokeRequest(
                              rs.getString(1),
                              rs.getBytes(5),
                              rs.getString(3),
                              rs.getString(4),
                              false)));
                }
              }
              return out;
            }));
  }

  /** Finishes what is queued, then closes the database. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    DurableSqlite.closeQuietly(db);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while writing " + FILE, e);
    } catch (ExecutionException e) {
      throw new StorageException(
          "cannot write " + FILE + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
