package dev.outlet.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The durable part of a region's queues: one SQLite file ({@code sqs.db}, WAL, {@code
 * synchronous=FULL}), so a message is on disk when {@code SendMessage} answers and a received
 * message's visible-at instant survives a restart. Every method is one transaction on the one
 * connection, serialized on this store. Thread-safe.
 */
public final class SqsStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, MessageAttribute>> ATTRIBUTES =
      new TypeReference<>() {};

  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS queues (name TEXT PRIMARY KEY, attributes TEXT NOT NULL,"
              + " tags TEXT NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, queue TEXT NOT NULL,"
              + " id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT NOT NULL,"
              + " sent INTEGER NOT NULL, visible_at INTEGER NOT NULL,"
              + " receive_count INTEGER NOT NULL, first_receive INTEGER NOT NULL)",
          "CREATE INDEX IF NOT EXISTS messages_by_queue ON messages (queue, seq)");

  /** A queue as stored. */
  record QueueRow(
      String name,
      Map<String, String> attributes,
      Map<String, String> tags,
      long created,
      long modified) {}

  private final Connection db;
  private long nextSeq;

  private SqsStore(Connection db, long nextSeq) {
    this.db = db;
    this.nextSeq = nextSeq;
  }

  /** Opens (creating) {@code file}. */
  public static SqsStore open(Path file) {
    Connection db = DurableSqlite.open(file, SCHEMA);
    try (var s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM messages")) {
      return new SqsStore(db, r.getLong(1) + 1);
    } catch (SQLException e) {
      DurableSqlite.closeQuietly(db);
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The next message sequence numbers, {@code count} of them from the returned one. */
  synchronized long reserve(int count) {
    long first = nextSeq;
    nextSeq += count;
    return first;
  }

  synchronized List<QueueRow> queues() {
    List<QueueRow> rows = new ArrayList<>();
    try (var s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT name, attributes, tags, created, modified FROM queues")) {
      while (r.next()) {
        rows.add(
            new QueueRow(
                r.getString(1),
                JSON.readValue(r.getString(2), STRINGS),
                JSON.readValue(r.getString(3), STRINGS),
                r.getLong(4),
                r.getLong(5)));
      }
      return rows;
    } catch (SQLException | JsonProcessingException e) {
      throw new StorageException("cannot read the queues: " + e.getMessage(), e);
    }
  }

  /** Every stored message by queue name, in sequence order. */
  synchronized Map<String, List<StoredMessage>> messages() {
    Map<String, List<StoredMessage>> byQueue = new HashMap<>();
    String sql =
        "SELECT seq, queue, id, body, attributes, sent, visible_at, receive_count, first_receive"
            + " FROM messages ORDER BY seq";
    try (var s = db.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        StoredMessage m =
            new StoredMessage(
                r.getLong(1),
                r.getString(3),
                r.getString(4),
                JSON.readValue(r.getString(5), ATTRIBUTES),
                r.getLong(6),
                r.getLong(7),
                r.getInt(8),
                r.getLong(9));
        byQueue.computeIfAbsent(r.getString(2), q -> new ArrayList<>()).add(m);
      }
      return byQueue;
    } catch (SQLException | JsonProcessingException e) {
      throw new StorageException("cannot read the messages: " + e.getMessage(), e);
    }
  }

  /** Creates or replaces {@code row}. */
  synchronized void putQueue(QueueRow row) {
    run(
        () -> {
          try (PreparedStatement p =
              db.prepareStatement("INSERT OR REPLACE INTO queues VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, row.name());
            p.setString(2, JSON.writeValueAsString(new TreeMap<>(row.attributes())));
            p.setString(3, JSON.writeValueAsString(new TreeMap<>(row.tags())));
            p.setLong(4, row.created());
            p.setLong(5, row.modified());
            p.executeUpdate();
          }
        });
  }

  /** Deletes queue {@code name} and its messages. */
  synchronized void deleteQueue(String name) {
    run(
        () -> {
          update("DELETE FROM messages WHERE queue = ?", name);
          update("DELETE FROM queues WHERE name = ?", name);
        });
  }

  /** Deletes every message of queue {@code name}. */
  synchronized void purge(String name) {
    run(() -> update("DELETE FROM messages WHERE queue = ?", name));
  }

  /** Commits {@code messages} to queue {@code queue}, all or none. */
  synchronized void insert(String queue, List<StoredMessage> messages) {
    run(
        () -> {
          try (PreparedStatement p =
              db.prepareStatement("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StoredMessage m : messages) {
              p.setLong(1, m.seq());
              p.setString(2, queue);
              p.setString(3, m.id());
              p.setString(4, m.body());
              p.setString(5, JSON.writeValueAsString(m.attributes()));
              p.setLong(6, m.sentAt());
              p.setLong(7, m.visibleAt());
              p.setInt(8, m.receiveCount());
              p.setLong(9, m.firstReceiveAt());
              p.addBatch();
            }
            p.executeBatch();
          }
        });
  }

  /**
   * Records a receive: the delivery state of {@code updated}, {@code moved} now in queue {@code
   * deadLetter}, and {@code dropped} (past their retention) gone.
   */
  synchronized void received(
      List<StoredMessage> updated,
      String deadLetter,
      List<StoredMessage> moved,
      List<Long> dropped) {
    if (updated.isEmpty() && moved.isEmpty() && dropped.isEmpty()) {
      return;
    }
    run(
        () -> {
          states(updated);
          try (PreparedStatement p =
              db.prepareStatement("UPDATE messages SET queue = ?, visible_at = ? WHERE seq = ?")) {
            for (StoredMessage m : moved) {
              p.setString(1, deadLetter);
              p.setLong(2, m.visibleAt());
              p.setLong(3, m.seq());
              p.addBatch();
            }
            p.executeBatch();
          }
          deletes(dropped);
        });
  }

  /** Stores the delivery state (visible-at, receive count, first receive) of {@code messages}. */
  synchronized void states(List<StoredMessage> messages) {
    run(
        () -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE messages SET visible_at = ?, receive_count = ?, first_receive = ?"
                      + " WHERE seq = ?")) {
            for (StoredMessage m : messages) {
              p.setLong(1, m.visibleAt());
              p.setInt(2, m.receiveCount());
              p.setLong(3, m.firstReceiveAt());
              p.setLong(4, m.seq());
              p.addBatch();
            }
            p.executeBatch();
          }
        });
  }

  /** Deletes the messages {@code seqs}. */
  synchronized void delete(List<Long> seqs) {
    if (!seqs.isEmpty()) {
      run(() -> deletes(seqs));
    }
  }

  private void deletes(List<Long> seqs) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM messages WHERE seq = ?")) {
      for (long seq : seqs) {
        p.setLong(1, seq);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void update(String sql, String value) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, value);
      p.executeUpdate();
    }
  }

  private interface Work {
    void run() throws SQLException, JsonProcessingException;
  }

  /** {@code work} as one transaction (nested calls join the outer one). */
  private void run(Work work) {
    try {
      boolean outer = db.getAutoCommit();
      if (!outer) {
        work.run();
        return;
      }
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StorageException("the queue store failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    DurableSqlite.closeQuietly(db);
  }
}
