package dev.outlet.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@link SqsStore} reads at start, as functions of its connection (run on its writer). */
final class StoreReads {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, MessageAttribute>> ATTRIBUTES =
      new TypeReference<>() {};

  private StoreReads() {}

  /** The stored queues. */
  static List<SqsStore.QueueRow> queues(Connection db) {
    List<SqsStore.QueueRow> rows = new ArrayList<>();
    try (var s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT name, attributes, tags, created, modified FROM queues")) {
      while (r.next()) {
        rows.add(
            new SqsStore.QueueRow(
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
  static Map<String, List<StoredMessage>> messages(Connection db) {
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
  static Map<String, List<Deduplication.Entry>> dedups(Connection db, long now) {
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
}
