package dev.outlet.iam;

import dev.outlet.edge.SigningKeys;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The access keys of one data directory, in {@code DATA/iam/keys.db} (mode 0600, folder 0700).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Every change is one committed SQLite transaction before the method returns (it survives
 *       {@code kill -9}).
 *   <li>{@link #find} never touches the file: it reads an immutable snapshot of the active keys, so
 *       it may run on an event loop. The snapshot is replaced after each change made here and by
 *       {@link #refresh}, which the server calls every {@link #REFRESH}; a key created or revoked
 *       by another process ({@code outlet credentials}) takes effect within that delay.
 *   <li>One lock guards the connection; secrets never reach a log or a {@code toString}.
 * </ol>
 */
public final class AccessKeyStore implements SigningKeys, AutoCloseable {
  /** How often a server re-reads the file for changes made by other processes. */
  public static final Duration REFRESH = Duration.ofSeconds(2);

  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS access_keys (id TEXT PRIMARY KEY, secret TEXT NOT NULL,"
              + " user_name TEXT NOT NULL, status TEXT NOT NULL, created_ms INTEGER NOT NULL)");

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private final String accountId;
  private final InstantSource clock;
  private volatile Map<String, SigningKey> active = Map.of();

  private AccessKeyStore(Connection db, String accountId, InstantSource clock) {
    this.db = db;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Opens (creating if needed) the keys of {@code dataDir}. */
  public static AccessKeyStore open(Path dataDir, String accountId, InstantSource clock) {
    Path file;
    try {
      file = OwnerOnlyFiles.prepare(dataDir.resolve("iam"), "keys.db");
    } catch (IOException e) {
      throw new StorageException("cannot prepare " + dataDir.resolve("iam") + ": " + e, e);
    }
    AccessKeyStore store = new AccessKeyStore(DurableSqlite.open(file, SCHEMA), accountId, clock);
    store.refresh();
    return store;
  }

  @Override
  public Optional<SigningKey> find(String accessKeyId) {
    return Optional.ofNullable(active.get(accessKeyId));
  }

  /** A new active key for {@code userName}; its secret is only in the returned value. */
  public AccessKey create(String userName) {
    AccessKey key =
        new AccessKey(
            KeyMaker.longTermId(),
            KeyMaker.secret(),
            userName,
            AccessKey.Status.Active,
            Instant.ofEpochMilli(clock.millis()));
    write(
        "INSERT INTO access_keys (id, secret, user_name, status, created_ms) VALUES (?,?,?,?,?)",
        key.accessKeyId(),
        key.secret(),
        key.userName(),
        key.status().name(),
        key.created().toEpochMilli());
    return key;
  }

  /**
   * The administrator's key, made when the store holds no key at all (the first start in iam mode);
   * empty when keys exist.
   */
  public Optional<AccessKey> bootstrapAdministrator() {
    lock.lock();
    try {
      return list().isEmpty() ? Optional.of(create("admin")) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Every key, oldest first, secrets included (callers print ids only). */
  public List<AccessKey> list() {
    lock.lock();
    try (PreparedStatement s =
            db.prepareStatement(
                "SELECT id, secret, user_name, status, created_ms FROM access_keys"
                    + " ORDER BY created_ms, id");
        ResultSet r = s.executeQuery()) {
      List<AccessKey> keys = new ArrayList<>();
      while (r.next()) {
        keys.add(
            new AccessKey(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                AccessKey.Status.valueOf(r.getString(4)),
                Instant.ofEpochMilli(r.getLong(5))));
      }
      return keys;
    } catch (SQLException e) {
      throw new StorageException("cannot read access keys: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Activates or deactivates a key; false when there is no such key. */
  public boolean setStatus(String accessKeyId, AccessKey.Status status) {
    return write("UPDATE access_keys SET status = ? WHERE id = ?", status.name(), accessKeyId) > 0;
  }

  /** Deletes a key; false when there is no such key. */
  public boolean delete(String accessKeyId) {
    return write("DELETE FROM access_keys WHERE id = ?", accessKeyId) > 0;
  }

  /** Re-reads the active keys from the file (changes made by other processes). */
  public void refresh() {
    Map<String, SigningKey> next = new HashMap<>();
    for (AccessKey k : list()) {
      if (k.status() == AccessKey.Status.Active) {
        next.put(
            k.accessKeyId(),
            new SigningKey(k.accessKeyId(), k.secret(), null, null, k.userArn(accountId)));
      }
    }
    active = Map.copyOf(next);
  }

  private int write(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      int changed = s.executeUpdate();
      refresh();
      return changed;
    } catch (SQLException e) {
      throw new StorageException("cannot write access keys: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      DurableSqlite.closeQuietly(db);
    } finally {
      lock.unlock();
    }
  }
}
