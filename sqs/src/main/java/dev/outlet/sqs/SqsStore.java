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
 *
 * <p>Schema history: the first files had {@code queues} and {@code messages} only; {@link #open}
 * adds what later versions need to such a file (the messages' FIFO group and deduplication ids and
 * dead-letter origin, the FIFO deduplication ids of the last five minutes, and the counter that
 * keeps sequence numbers increasing once the messages holding the highest are gone).
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
          "CREATE INDEX IF NOT EXISTS messages_by_queue ON messages (queue, seq)",
          "CREATE TABLE IF NOT EXISTS dedup (queue TEXT NOT NULL, scope TEXT NOT NULL,"
              + " id TEXT NOT NULL, message_id TEXT NOT NULL, seq INTEGER NOT NULL,"
              + " expires INTEGER NOT NULL, PRIMARY KEY (queue, scope, id))",
          "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");

  /** Columns later versions added to {@code messages}, appended in this order. */
  private static final List<String> ADDED_COLUMNS = List.of("group_id", "dedup_id", "origin");

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
    try {
      migrate(db);
      try (var s = db.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT MAX(COALESCE((SELECT MAX(seq) FROM messages), 0),"
                      + " COALESCE((SELECT MAX(seq) FROM dedup), 0),"
                      + " COALESCE((SELECT value FROM counters WHERE name = 'seq'), 0))")) {
        return new SqsStore(db, r.getLong(1) + 1);
      }
    } catch (SQLException e) {
      DurableSqlite.closeQuietly(db);
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Adds the columns a file of an earlier version lacks, all or none. */
  private static void migrate(Connection db) throws SQLException {
    java.util.Set<String> columns = new java.util.HashSet<>();
    try (var s = db.createStatement();
        ResultSet r = s.executeQuery("PRAGMA table_info(messages)")) {
      while (r.next()) {
        columns.add(r.getString("name"));
      }
    }
    List<String> missing = ADDED_COLUMNS.stream().filter(c -> !columns.contains(c)).toList();
    if (missing.isEmpty()) {
      return;
    }
    db.setAutoCommit(false);
    try (var s = db.createStatement()) {
      for (String c : missing) {
        s.execute("ALTER TABLE messages ADD COLUMN " + c + " TEXT");
      }
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
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
        "SELECT seq, queue, id, body, attributes, sent, visible_at, receive_count, first_receive,"
            + " group_id, dedup_id, origin FROM messages ORDER BY seq";
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
                r.getLong(9),
                r.getString(10),
                r.getString(11),
                r.getString(12));
        byQueue.computeIfAbsent(r.getString(2), q -> new ArrayList<>()).add(m);
      }
      return byQueue;
    } catch (SQLException | JsonProcessingException e) {
      throw new StorageException("cannot read the messages: " + e.getMessage(), e);
    }
  }

  /** The deduplication ids not expired at {@code now} by queue name, oldest first. */
  synchronized Map<String, List<Deduplication.Entry>> dedups(long now) {
    Map<String, List<Deduplication.Entry>> byQueue = new HashMap<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT queue, scope, id, message_id, seq, expires FROM dedup WHERE expires > ?"
                + " ORDER BY expires, seq")) {
      p.setLong(1, now);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          byQueue
              .computeIfAbsent(r.getString(1), q -> new ArrayList<>())
              .add(
                  new Deduplication.Entry(
                      r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6)));
        }
      }
      return byQueue;
    } catch (SQLException e) {
      throw new StorageException("cannot read the deduplication ids: " + e.getMessage(), e);
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
          update("DELETE FROM dedup WHERE queue = ?", name);
          update("DELETE FROM queues WHERE name = ?", name);
        });
  }

  /** Deletes every message of queue {@code name}. */
  synchronized void purge(String name) {
    run(() -> update("DELETE FROM messages WHERE queue = ?", name));
  }

  /** Commits {@code messages} to queue {@code queue}, all or none. */
  synchronized void insert(String queue, List<StoredMessage> messages) {
    insert(queue, messages, List.of(), 0);
  }

  /**
   * Commits {@code messages} to FIFO queue {@code queue} with their deduplication ids {@code
   * dedups}, forgetting the queue's ids expired at {@code now}; all or none.
   */
  synchronized void insert(
      String queue, List<StoredMessage> messages, List<Deduplication.Entry> dedups, long now) {
    run(
        () -> {
          if (!dedups.isEmpty()) {
            try (PreparedStatement p =
                db.prepareStatement("DELETE FROM dedup WHERE queue = ? AND expires <= ?")) {
              p.setString(1, queue);
              p.setLong(2, now);
              p.executeUpdate();
            }
            try (PreparedStatement p =
                db.prepareStatement("INSERT OR REPLACE INTO dedup VALUES (?, ?, ?, ?, ?, ?)")) {
              for (Deduplication.Entry e : dedups) {
                p.setString(1, queue);
                p.setString(2, e.scope());
                p.setString(3, e.dedupId());
                p.setString(4, e.messageId());
                p.setLong(5, e.seq());
                p.setLong(6, e.expires());
                p.addBatch();
              }
              p.executeBatch();
            }
          }
          long last = messages.stream().mapToLong(StoredMessage::seq).max().orElse(0);
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO counters VALUES ('seq', ?) ON CONFLICT(name)"
                      + " DO UPDATE SET value = MAX(value, excluded.value)")) {
            p.setLong(1, last);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO messages (seq, queue, id, body, attributes, sent, visible_at,"
                      + " receive_count, first_receive, group_id, dedup_id, origin)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
              p.setString(10, m.groupId());
              p.setString(11, m.dedupId());
              p.setString(12, m.origin());
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
              db.prepareStatement(
                  "UPDATE messages SET queue = ?, visible_at = ?, origin = ? WHERE seq = ?")) {
            for (StoredMessage m : moved) {
              p.setString(1, deadLetter);
              p.setLong(2, m.visibleAt());
              p.setString(3, m.origin());
              p.setLong(4, m.seq());
              p.addBatch();
            }
            p.executeBatch();
          }
          deletes(dropped);
        });
  }

  /** A message a move task takes to queue {@code to}, in its new state. */
  record Move(String to, StoredMessage message) {}

  /** Records a move task's step: each message now in its queue, as if never received. */
  synchronized void moved(List<Move> moves) {
    if (moves.isEmpty()) {
      return;
    }
    run(
        () -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE messages SET queue = ?, visible_at = ?, receive_count = ?,"
                      + " first_receive = ?, origin = ? WHERE seq = ?")) {
            for (Move m : moves) {
              p.setString(1, m.to());
              p.setLong(2, m.message().visibleAt());
              p.setInt(3, m.message().receiveCount());
              p.setLong(4, m.message().firstReceiveAt());
              p.setString(5, m.message().origin());
              p.setLong(6, m.message().seq());
              p.addBatch();
            }
            p.executeBatch();
          }
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
