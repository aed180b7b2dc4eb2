package dev.outlet.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The durable part of a region's queues: one SQLite file ({@code sqs.db}, WAL, {@code
 * synchronous=FULL}), so a message is on disk when {@code SendMessage} answers and a received
 * message's visible-at instant survives a restart.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>One platform thread, {@code outlet-sqs-writer} (a {@link DurableWriter} without linger),
 *       owns the connection; every read and write runs on it.
 *   <li>A write method only queues its write and returns its {@link Commit}, without waiting: the
 *       caller may hold a queue's lock while queuing (so writes reach the file in the order the
 *       queue's index made them) and awaits the commit after releasing it.
 *   <li>Group commit: every write queued while the previous transaction committed goes into the
 *       next one, each in a savepoint ({@link StoreWrites}); concurrent sends, receives, deletes
 *       and visibility changes share one fsync. Writes are committed in the order they were queued:
 *       a commit covers every write queued before it.
 *   <li>A {@link Commit} completes only after its transaction committed, or with a {@link
 *       StorageException} when its write failed (undone alone) or the commit did (the whole group).
 *       After {@link #close} starts, write methods throw {@code StorageException} ("sqs.db is
 *       closed"); close commits what was queued before it.
 * </ol>
 *
 * <p>Thread-safe. Schema history: the first files had {@code queues} and {@code messages} only;
 * {@link #open} adds what later versions need to such a file (the messages' FIFO group and
 * deduplication ids and dead-letter origin, the FIFO deduplication ids of the last five minutes,
 * and the counter that keeps sequence numbers increasing once the messages holding the highest are
 * gone).
 */
public final class SqsStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  private static final String FILE = "sqs.db";
  private static final int MAX_BATCH = 1_024;

  private final DurableWriter<StoreWrites.Write> writer;
  private final StoreWrites writes;
  private final AtomicLong nextSeq;

  private SqsStore(StoreWrites writes, long nextSeq) {
    this.writes = writes;
    this.nextSeq = new AtomicLong(nextSeq);
    this.writer =
        DurableWriter.start(
            WriterOptions.of("outlet-sqs-writer", FILE, MAX_BATCH)
                .withFailureBackoff(Duration.ZERO),
            WriteQueue.unbounded(),
            writes);
  }

  /** Opens (creating) {@code file}. */
  public static SqsStore open(Path file) {
    Connection db = DurableSqlite.open(file, SCHEMA);
    try {
      migrate(db);
      return new SqsStore(new StoreWrites(db, FILE, null), nextSeq(db));
    } catch (SQLException e) {
      DurableSqlite.closeQuietly(db);
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A cluster's queues: the tables of {@link #POSTGRESQL} on {@code db}, a PostgreSQL connection
   * this store owns from now on. {@code fence} runs first in every transaction and throws when
   * another node has taken the queues over, so a node that lost them writes nothing more.
   */
  public static SqsStore shared(Connection db, Fence fence) {
    try {
      return new SqsStore(new StoreWrites(db, "the cluster's queues", fence::check), nextSeq(db));
    } catch (SQLException e) {
      dev.outlet.core.SqlConnections.closeQuietly(db);
      throw new StorageException("cannot read the cluster's queues: " + e.getMessage(), e);
    }
  }

  /** A shared store's check, in each write's transaction, that this node still owns the queues. */
  @FunctionalInterface
  public interface Fence {
    /** Throws when the queues are another node's now. */
    void check(Connection db) throws SQLException;
  }

  /** The tables of a cluster's queues on PostgreSQL, as one migration (those of {@code sqs.db}). */
  public static final List<List<String>> POSTGRESQL =
      List.of(
          List.of(
              "CREATE TABLE queues (name TEXT PRIMARY KEY, attributes TEXT NOT NULL,"
                  + " tags TEXT NOT NULL, created BIGINT NOT NULL, modified BIGINT NOT NULL)",
              "CREATE TABLE messages (seq BIGINT PRIMARY KEY, queue TEXT NOT NULL,"
                  + " id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT NOT NULL,"
                  + " sent BIGINT NOT NULL, visible_at BIGINT NOT NULL,"
                  + " receive_count INTEGER NOT NULL, first_receive BIGINT NOT NULL,"
                  + " group_id TEXT, dedup_id TEXT, origin TEXT)",
              "CREATE INDEX messages_by_queue ON messages (queue, seq)",
              "CREATE TABLE dedup (queue TEXT NOT NULL, scope TEXT NOT NULL, id TEXT NOT NULL,"
                  + " message_id TEXT NOT NULL, seq BIGINT NOT NULL, expires BIGINT NOT NULL,"
                  + " PRIMARY KEY (queue, scope, id))",
              "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)"));

  /** The next free sequence number: past every stored message, id and the kept counter. */
  private static long nextSeq(Connection db) throws SQLException {
    long max = 0;
    for (String sql :
        List.of(
            "SELECT COALESCE(MAX(seq), 0) FROM messages",
            "SELECT COALESCE(MAX(seq), 0) FROM dedup",
            "SELECT COALESCE(MAX(value), 0) FROM counters WHERE name = 'seq'")) {
      try (var s = db.createStatement();
          ResultSet r = s.executeQuery(sql)) {
        r.next();
        max = Math.max(max, r.getLong(1));
      }
    }
    return max + 1;
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
  long reserve(int count) {
    return nextSeq.getAndAdd(count);
  }

  /** The stored queues. */
  List<QueueRow> queues() {
    return read(StoreReads::queues);
  }

  /** Every stored message by queue name, in sequence order. */
  Map<String, List<StoredMessage>> messages() {
    return read(StoreReads::messages);
  }

  /** The deduplication ids not expired at {@code now} by queue name, oldest first. */
  Map<String, List<Deduplication.Entry>> dedups(long now) {
    return read(db -> StoreReads.dedups(db, now));
  }

  /** Creates or replaces {@code row}. */
  Commit putQueue(QueueRow row) {
    return write(
        db -> {
          try (PreparedStatement p =
              db.prepareStatement(
                  "INSERT INTO queues VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                      + " attributes = excluded.attributes, tags = excluded.tags,"
                      + " created = excluded.created, modified = excluded.modified")) {
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
  Commit deleteQueue(String name) {
    return write(
        db -> {
          update(db, "DELETE FROM messages WHERE queue = ?", name);
          update(db, "DELETE FROM dedup WHERE queue = ?", name);
          update(db, "DELETE FROM queues WHERE name = ?", name);
        });
  }

  /** Deletes every message of queue {@code name}. */
  Commit purge(String name) {
    return write(db -> update(db, "DELETE FROM messages WHERE queue = ?", name));
  }

  /** Commits {@code messages} to queue {@code queue}, all or none. */
  Commit insert(String queue, List<StoredMessage> messages) {
    return insert(queue, messages, List.of(), 0);
  }

  /**
   * Commits {@code messages} to FIFO queue {@code queue} with their deduplication ids {@code
   * dedups}, forgetting the queue's ids expired at {@code now}; all or none.
   */
  Commit insert(
      String queue, List<StoredMessage> messages, List<Deduplication.Entry> dedups, long now) {
    return write(
        db -> {
          if (!dedups.isEmpty()) {
            try (PreparedStatement p =
                db.prepareStatement("DELETE FROM dedup WHERE queue = ? AND expires <= ?")) {
              p.setString(1, queue);
              p.setLong(2, now);
              p.executeUpdate();
            }
            try (PreparedStatement p =
                db.prepareStatement(
                    "INSERT INTO dedup VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (queue, scope, id)"
                        + " DO UPDATE SET message_id = excluded.message_id, seq = excluded.seq,"
                        + " expires = excluded.expires")) {
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
                  "INSERT INTO counters VALUES ('seq', ?) ON CONFLICT (name) DO UPDATE SET value ="
                      + " CASE WHEN excluded.value > counters.value THEN excluded.value"
                      + " ELSE counters.value END")) {
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
  Commit received(
      List<StoredMessage> updated,
      String deadLetter,
      List<StoredMessage> moved,
      List<Long> dropped) {
    if (updated.isEmpty() && moved.isEmpty() && dropped.isEmpty()) {
      return Commit.NONE;
    }
    return write(
        db -> {
          states(db, updated);
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
          deletes(db, dropped);
        });
  }

  /** A message a move task takes to queue {@code to}, in its new state. */
  record Move(String to, StoredMessage message) {}

  /** Records a move task's step: each message now in its queue, as if never received. */
  Commit moved(List<Move> moves) {
    if (moves.isEmpty()) {
      return Commit.NONE;
    }
    return write(
        db -> {
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
  Commit states(List<StoredMessage> messages) {
    return write(db -> states(db, messages));
  }

  private static void states(Connection db, List<StoredMessage> messages) throws SQLException {
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
  }

  /** Deletes the messages {@code seqs}. */
  Commit delete(List<Long> seqs) {
    return seqs.isEmpty() ? Commit.NONE : write(db -> deletes(db, seqs));
  }

  private static void deletes(Connection db, List<Long> seqs) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("DELETE FROM messages WHERE seq = ?")) {
      for (long seq : seqs) {
        p.setLong(1, seq);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static void update(Connection db, String sql, String value) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, value);
      p.executeUpdate();
    }
  }

  /** Queues {@code sql} for the next group commit; its commit is awaited by the caller. */
  private Commit write(StoreWrites.Sql sql) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      writer.append(new StoreWrites.Write(sql, done));
    } catch (WriterClosedException e) {
      throw new StorageException(e.getMessage(), e);
    }
    return new Commit(done);
  }

  /** A read on the writer thread, after every write queued before it. */
  private <T> T read(Function<Connection, T> query) {
    try {
      return writer.submit(() -> query.apply(writes.db())).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StorageException se) {
        throw se;
      }
      if (e.getCause() instanceof WriterClosedException closed) {
        throw new StorageException(closed.getMessage(), closed);
      }
      throw new StorageException("cannot read " + FILE + ": " + e.getCause(), e.getCause());
    }
  }

  /**
   * Whether a shared store can write no more (its connection is gone, or another node owns the
   * queues now): its owner closes it and opens the queues again.
   */
  public boolean broken() {
    return writes.broken();
  }

  /** Commits what is queued, then closes the file. */
  @Override
  public void close() {
    writer.close();
  }
}
