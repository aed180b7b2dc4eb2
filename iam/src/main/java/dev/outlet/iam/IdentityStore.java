package dev.outlet.iam;

import dev.outlet.edge.SigningKeys;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The identities of one data directory, in {@code DATA/iam/keys.db} (mode 0600, folder 0700): users
 * and their access keys, role sessions made by {@link #assumeRole} (temporary keys, kept until
 * {@link #PURGE_AFTER} past their expiry) and, through the {@link PolicyStore} it owns ({@link
 * #policies}), roles with their trust policies, inline policies and attachments of managed policies
 * (AWS's that Outlet knows, and customer managed ones).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>Every change is checked first (IAM's errors: {@link IamException}), then made in one
 *       committed SQLite transaction before the method returns (it survives {@code kill -9}); a
 *       refused change leaves nothing behind.
 *   <li>{@link #find}, {@link #identityPolicies} and {@link #role} never touch the file: they read
 *       an immutable {@link Snapshot} (documents parsed when it is made), so they may run on an
 *       event loop. The snapshot is replaced after each change made here and by {@link #refresh},
 *       which the server calls every {@link #REFRESH}; a key created or revoked by another process
 *       ({@code outlet credentials}) takes effect within that delay.
 *   <li>One lock guards the connection; secrets never reach a log or a {@code toString}.
 * </ol>
 */
public final class IdentityStore implements SigningKeys, AutoCloseable {
  /** How often a server re-reads the file for changes made by other processes. */
  public static final Duration REFRESH = Duration.ofSeconds(2);

  /**
   * How long an expired session stays known: meanwhile its key is refused as expired ({@code
   * ExpiredToken}, as AWS answers), then it is purged and refused as unknown.
   */
  public static final Duration PURGE_AFTER = Duration.ofHours(1);

  /** The policy the administrator made by {@link #bootstrapAdministrator} holds. */
  public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

  /** IAM's quota of access keys per user. */
  static final int KEYS_PER_USER = 2;

  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
              + " path TEXT NOT NULL, created_ms INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS access_keys (id TEXT PRIMARY KEY, secret TEXT NOT NULL,"
              + " user_name TEXT NOT NULL, status TEXT NOT NULL, created_ms INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS roles (name TEXT PRIMARY KEY, role_id TEXT NOT NULL,"
              + " path TEXT NOT NULL, trust TEXT NOT NULL, description TEXT,"
              + " max_session INTEGER NOT NULL, created_ms INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS inline_policies (holder TEXT NOT NULL,"
              + " holder_name TEXT NOT NULL, name TEXT NOT NULL, document TEXT NOT NULL,"
              + " PRIMARY KEY (holder, holder_name, name))",
          "CREATE TABLE IF NOT EXISTS attached_policies (holder TEXT NOT NULL,"
              + " holder_name TEXT NOT NULL, arn TEXT NOT NULL,"
              + " PRIMARY KEY (holder, holder_name, arn))",
          "CREATE TABLE IF NOT EXISTS customer_policies (name TEXT PRIMARY KEY,"
              + " policy_id TEXT NOT NULL, path TEXT NOT NULL, document TEXT NOT NULL,"
              + " description TEXT, created_ms INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, secret TEXT NOT NULL,"
              + " token TEXT NOT NULL, role_name TEXT NOT NULL, role_id TEXT NOT NULL,"
              + " session_name TEXT NOT NULL, expires_ms INTEGER NOT NULL,"
              + " created_ms INTEGER NOT NULL)");

  private final IdentityDb db;
  private final ReentrantLock lock;
  private final String accountId;
  private final InstantSource clock;
  private final PolicyStore policies;
  private final SnapshotLoader loader;
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private IdentityStore(IdentityTables tables, String accountId, InstantSource clock) {
    this.db = new IdentityDb(tables);
    this.lock = db.lock();
    this.accountId = accountId;
    this.clock = clock;
    this.policies = new PolicyStore(db, accountId, clock, this::refresh);
    this.loader = new SnapshotLoader(db, accountId, this, policies);
  }

  /** Opens (creating if needed) the identities of {@code dataDir}. */
  public static IdentityStore open(Path dataDir, String accountId, InstantSource clock) {
    Path file;
    try {
      file = OwnerOnlyFiles.prepare(dataDir.resolve("iam"), "keys.db");
    } catch (IOException e) {
      throw new StorageException("cannot prepare " + dataDir.resolve("iam") + ": " + e, e);
    }
    return shared(IdentityDb.sqlite(DurableSqlite.open(file, SCHEMA)), accountId, clock);
  }

  /**
   * The identities in {@code tables} (a cluster's database, its tables made from {@link
   * IdentityTables#postgresSchema}); the store owns and closes them.
   */
  public static IdentityStore shared(IdentityTables tables, String accountId, InstantSource clock) {
    IdentityStore store = new IdentityStore(tables, accountId, clock);
    try {
      store.refresh();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** The account the users belong to. */
  public String accountId() {
    return accountId;
  }

  /** The roles and policies (a part of this store: same file, same lock, same snapshot). */
  public PolicyStore policies() {
    return policies;
  }

  @Override
  public Optional<SigningKey> find(String accessKeyId) {
    return Optional.ofNullable(snapshot.keys().get(accessKeyId));
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
      policies.requireNoPolicies(Holder.USER, name);
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
   * The administrator's key, made (with the user {@code admin}, holding {@code
   * AdministratorAccess}) when the store holds no key at all: the first start in iam mode; empty
   * when keys exist.
   */
  public Optional<AccessKey> bootstrapAdministrator() {
    lock.lock();
    try {
      if (!keys(null).isEmpty()) {
        return Optional.empty();
      }
      if (user("admin").isEmpty()) {
        createUser("admin", "/");
      }
      policies.attach(Holder.USER, "admin", ADMINISTRATOR_ACCESS);
      return Optional.of(createKey("admin", false));
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
    return db.query(
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

  /**
   * Re-reads the file (changes made by other processes), purges sessions expired for longer than
   * {@link #PURGE_AFTER}, and replaces the snapshot.
   */
  public void refresh() {
    lock.lock();
    try {
      Snapshot next = loader.load();
      Instant cutoff = now().minus(PURGE_AFTER);
      boolean stale =
          next.keys().values().stream()
              .anyMatch(k -> k.expires() != null && k.expires().isBefore(cutoff));
      if (stale) { // written only when there is something to purge: most refreshes only read
        db.execute("DELETE FROM sessions WHERE expires_ms < ?", cutoff.toEpochMilli());
        next = loader.load();
      }
      snapshot = next;
    } finally {
      lock.unlock();
    }
  }

  // ---- what the request path reads (the snapshot only)

  /**
   * The identity policies (inline, then attached AWS and customer managed ones) of a principal:
   * {@code arn:aws:iam::ACCOUNT:user/PATH/NAME}, {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}, or a
   * session {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (its role's). Empty for anything
   * else. Reads the snapshot only: safe on an event loop.
   */
  public List<PolicyDocument> identityPolicies(String principalArn) {
    if (principalArn == null) {
      return List.of();
    }
    Snapshot now = snapshot;
    List<PolicyDocument> known = now.policiesByArn().get(principalArn);
    if (known != null) {
      return known; // the verifier's ARN: one lookup
    }
    String iam = "arn:aws:iam::" + accountId + ":";
    String sts = "arn:aws:sts::" + accountId + ":assumed-role/";
    String key;
    if (principalArn.startsWith(iam + "user/")) {
      key = Snapshot.holderKey(Holder.USER, lastSegment(principalArn));
    } else if (principalArn.startsWith(iam + "role/")) {
      key = Snapshot.holderKey(Holder.ROLE, lastSegment(principalArn));
    } else if (principalArn.startsWith(sts)) {
      String rest = principalArn.substring(sts.length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        return List.of();
      }
      key = Snapshot.holderKey(Holder.ROLE, rest.substring(0, slash));
    } else {
      return List.of();
    }
    return now.policies().getOrDefault(key, List.of());
  }

  /** The role named so, or with this ARN, with its parsed trust policy. Reads the snapshot only. */
  public Optional<Role> role(String nameOrArn) {
    if (nameOrArn == null) {
      return Optional.empty();
    }
    Snapshot now = snapshot;
    if (!nameOrArn.startsWith("arn:")) {
      return Optional.ofNullable(now.roles().get(nameOrArn));
    }
    Role role = now.roles().get(lastSegment(nameOrArn));
    return role != null && role.arn(accountId).equals(nameOrArn)
        ? Optional.of(role)
        : Optional.empty();
  }

  /** Every role, by name (from the snapshot). */
  public List<Role> roles() {
    return snapshot.roles().values().stream().sorted(Comparator.comparing(Role::roleName)).toList();
  }

  /** A session's {@code AROA...:SESSION}, when the key is a session's. */
  public Optional<String> sessionUserId(String accessKeyId) {
    return Optional.ofNullable(snapshot.sessionUserIds().get(accessKeyId));
  }

  private static String lastSegment(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private String assumedRoleArn(String roleName, String sessionName) {
    return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
  }

  // ---- sessions

  /**
   * A session of the role with this ARN, for {@code duration}: its temporary key is stored (it
   * survives a crash) and signs requests at once as {@code
   * arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}. No caller is checked here: STS's AssumeRole
   * checks the trust policy; the server also calls this to give a function its execution role.
   *
   * @throws IamException {@code NoSuchEntity} when there is no such role
   */
  public TemporaryCredentials assumeRole(String roleArn, String sessionName, Duration duration) {
    lock.lock();
    try {
      Role role =
          role(roleArn)
              .orElseThrow(
                  () -> IamException.noSuchRole(roleArn.substring(roleArn.indexOf('/') + 1)));
      Instant expires = now().plus(duration);
      TemporaryCredentials c =
          new TemporaryCredentials(
              KeyMaker.temporaryId(),
              KeyMaker.secret(),
              KeyMaker.sessionToken(),
              expires,
              role.roleId() + ":" + sessionName,
              assumedRoleArn(role.roleName(), sessionName));
      write(
          "INSERT INTO sessions (id, secret, token, role_name, role_id, session_name, expires_ms,"
              + " created_ms) VALUES (?,?,?,?,?,?,?,?)",
          c.accessKeyId(),
          c.secret(),
          c.sessionToken(),
          role.roleName(),
          role.roleId(),
          sessionName,
          expires.toEpochMilli(),
          now().toEpochMilli());
      return c;
    } finally {
      lock.unlock();
    }
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
    return db.query(
        sql,
        r ->
            new User(
                r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4))),
        args);
  }

  private void write(String sql, Object... args) {
    lock.lock();
    try {
      db.execute(sql, args);
      refresh();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
