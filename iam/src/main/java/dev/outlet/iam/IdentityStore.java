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
 * The users and access keys of one data directory, in {@code DATA/iam/keys.db} (mode 0600, folder
 * 0700).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Every change is checked first (IAM's errors: {@link IamException}), then made in one
 *       committed SQLite transaction before the method returns (it survives {@code kill -9}); a
 *       refused change leaves nothing behind.
 *   <li>{@link #find} never touches the file: it reads an immutable snapshot of the active keys, so
 *       it may run on an event loop. The snapshot is replaced after each change made here and by
 *       {@link #refresh}, which the server calls every {@link #REFRESH}; a key created or revoked
 *       by another process ({@code outlet credentials}) takes effect within that delay.
 *   <li>One lock guards the connection; secrets never reach a log or a {@code toString}.
 * </ol>
 */
public final class IdentityStore implements SigningKeys, AutoCloseable {
  /** How often a server re-reads the file for changes made by other processes. */
  public static final Duration REFRESH = Duration.ofSeconds(2);

  /** IAM's quota of access keys per user. */
  static final int KEYS_PER_USER = 2;

  private static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
              + " path TEXT NOT NULL, created_ms INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS access_keys (id TEXT PRIMARY KEY, secret TEXT NOT NULL,"
              + " user_name TEXT NOT NULL, status TEXT NOT NULL, created_ms INTEGER NOT NULL)");

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private final String accountId;
  private final InstantSource clock;
  private volatile Map<String, SigningKey> active = Map.of();

  private IdentityStore(Connection db, String accountId, InstantSource clock) {
    this.db = db;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Opens (creating if needed) the identities of {@code dataDir}. */
  public static IdentityStore open(Path dataDir, String accountId, InstantSource clock) {
    Path file;
    try {
      file = OwnerOnlyFiles.prepare(dataDir.resolve("iam"), "keys.db");
    } catch (IOException e) {
      throw new StorageException("cannot prepare " + dataDir.resolve("iam") + ": " + e, e);
    }
    IdentityStore store = new IdentityStore(DurableSqlite.open(file, SCHEMA), accountId, clock);
    store.refresh();
    return store;
  }

  /** The account the users belong to. */
  public String accountId() {
    return accountId;
  }

  @Override
  public Optional<SigningKey> find(String accessKeyId) {
    return Optional.ofNullable(active.get(accessKeyId));
  }

  // ---- users

  /** A new user; {@link IamException} when the name is taken. */
  public User createUser(String name, String path) {
    lock.lock();
    try {
      if (user(name).isPresent()) {
        throw IamException.userExists(name);
      }
      User u = new User(name, "AIDA" + KeyMaker.base32(16), path, now());
      write(
          "INSERT INTO users (name, user_id, path, created_ms) VALUES (?,?,?,?)",
          u.userName(),
          u.userId(),
          u.path(),
          u.created().toEpochMilli());
      return u;
    } finally {
      lock.unlock();
    }
  }

  /** The user named so, if any. */
  public Optional<User> user(String name) {
    List<User> found =
        users("SELECT name, user_id, path, created_ms FROM users WHERE name = ?", name);
    return found.stream().findFirst();
  }

  /** Every user, by name. */
  public List<User> users() {
    return users("SELECT name, user_id, path, created_ms FROM users ORDER BY name");
  }

  /** Deletes a user that has no keys left. */
  public void deleteUser(String name) {
    lock.lock();
    try {
      requireUser(name);
      if (!keys(name).isEmpty()) {
        throw IamException.keysLeft();
      }
      write("DELETE FROM users WHERE name = ?", name);
    } finally {
      lock.unlock();
    }
  }

  // ---- access keys

  /**
   * A new active key for {@code userName} (made with the user if {@code makeUser}); its secret is
   * only in the returned value.
   */
  public AccessKey createKey(String userName, boolean makeUser) {
    lock.lock();
    try {
      if (user(userName).isEmpty()) {
        if (!makeUser) {
          throw IamException.noSuchUser(userName);
        }
        createUser(userName, "/");
      }
      if (keys(userName).size() >= KEYS_PER_USER) {
        throw IamException.keyQuota();
      }
      AccessKey key =
          new AccessKey(
              KeyMaker.longTermId(), KeyMaker.secret(), userName, AccessKey.Status.Active, now());
      write(
          "INSERT INTO access_keys (id, secret, user_name, status, created_ms) VALUES (?,?,?,?,?)",
          key.accessKeyId(),
          key.secret(),
          key.userName(),
          key.status().name(),
          key.created().toEpochMilli());
      return key;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The administrator's key, made (with the user {@code admin}) when the store holds no key at all:
   * the first start in iam mode; empty when keys exist.
   */
  public Optional<AccessKey> bootstrapAdministrator() {
    lock.lock();
    try {
      return keys(null).isEmpty() ? Optional.of(createKey("admin", true)) : Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** The keys of {@code userName} (every user's when null), oldest first, secrets included. */
  public List<AccessKey> keys(String userName) {
    String sql =
        "SELECT id, secret, user_name, status, created_ms FROM access_keys"
            + (userName == null ? "" : " WHERE user_name = ?")
            + " ORDER BY created_ms, id";
    return query(
        sql,
        r ->
            new AccessKey(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                AccessKey.Status.valueOf(r.getString(4)),
                Instant.ofEpochMilli(r.getLong(5))),
        userName == null ? new Object[0] : new Object[] {userName});
  }

  /** Activates or deactivates a key (of {@code userName} when not null). */
  public void setStatus(String accessKeyId, String userName, AccessKey.Status status) {
    lock.lock();
    try {
      requireKey(accessKeyId, userName);
      write("UPDATE access_keys SET status = ? WHERE id = ?", status.name(), accessKeyId);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes a key (of {@code userName} when not null). */
  public void deleteKey(String accessKeyId, String userName) {
    lock.lock();
    try {
      requireKey(accessKeyId, userName);
      write("DELETE FROM access_keys WHERE id = ?", accessKeyId);
    } finally {
      lock.unlock();
    }
  }

  /** The user whose key this is, if the key exists. */
  public Optional<String> owner(String accessKeyId) {
    return keys(null).stream()
        .filter(k -> k.accessKeyId().equals(accessKeyId))
        .map(AccessKey::userName)
        .findFirst();
  }

  /** Re-reads the active keys from the file (changes made by other processes). */
  public void refresh() {
    Map<String, SigningKey> next = new HashMap<>();
    Map<String, User> byName = new HashMap<>();
    users().forEach(u -> byName.put(u.userName(), u));
    for (AccessKey k : keys(null)) {
      if (k.status() == AccessKey.Status.Active) {
        User u = byName.get(k.userName());
        String arn =
            u != null ? u.arn(accountId) : "arn:aws:iam::" + accountId + ":user/" + k.userName();
        next.put(k.accessKeyId(), new SigningKey(k.accessKeyId(), k.secret(), null, null, arn));
      }
    }
    active = Map.copyOf(next);
  }

  private void requireUser(String name) {
    if (user(name).isEmpty()) {
      throw IamException.noSuchUser(name);
    }
  }

  private void requireKey(String accessKeyId, String userName) {
    if (userName != null) {
      requireUser(userName);
    }
    boolean found = keys(userName).stream().anyMatch(k -> k.accessKeyId().equals(accessKeyId));
    if (!found) {
      throw IamException.noSuchKey(accessKeyId);
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  private List<User> users(String sql, Object... args) {
    return query(
        sql,
        r ->
            new User(
                r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4))),
        args);
  }

  private interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... args) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (r.next()) {
          out.add(row.read(r));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StorageException("cannot read identities: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void write(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
      refresh();
    } catch (SQLException e) {
      throw new StorageException("cannot write identities: " + e.getMessage(), e);
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
