package dev.outlet.iam;

import dev.outlet.edge.SigningKeys;
import dev.outlet.iam.policy.ManagedPolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyException;
import dev.outlet.iam.policy.PolicyKind;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The identities of one data directory, in {@code DATA/iam/keys.db} (mode 0600, folder 0700): users
 * and their access keys, roles with their trust policies, inline policies and attachments of
 * managed policies (AWS's that Outlet knows, and customer managed ones), and role sessions made by
 * {@link #assumeRole} (temporary keys, kept until {@link #PURGE_AFTER} past their expiry).
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

  private static final List<String> SCHEMA =
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

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private final String accountId;
  private final InstantSource clock;
  private volatile Snapshot snapshot = Snapshot.EMPTY;

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
      requireNoPolicies(Holder.USER, name);
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
      attach(Holder.USER, "admin", ADMINISTRATOR_ACCESS);
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

  /**
   * Re-reads the file (changes made by other processes), purges sessions expired for longer than
   * {@link #PURGE_AFTER}, and replaces the snapshot.
   */
  public void refresh() {
    lock.lock();
    try {
      execute("DELETE FROM sessions WHERE expires_ms < ?", now().minus(PURGE_AFTER).toEpochMilli());
      snapshot = load();
    } finally {
      lock.unlock();
    }
  }

  private Snapshot load() {
    Map<String, SigningKey> keys = new HashMap<>();
    Map<String, User> byName = new HashMap<>();
    users().forEach(u -> byName.put(u.userName(), u));
    for (AccessKey k : keys(null)) {
      if (k.status() == AccessKey.Status.Active) {
        User u = byName.get(k.userName());
        String arn =
            u != null ? u.arn(accountId) : "arn:aws:iam::" + accountId + ":user/" + k.userName();
        keys.put(k.accessKeyId(), new SigningKey(k.accessKeyId(), k.secret(), null, null, arn));
      }
    }
    Map<String, String> sessionIds = new HashMap<>();
    query(
        "SELECT id, secret, token, role_name, role_id, session_name, expires_ms FROM sessions",
        r -> {
          String arn = assumedRoleArn(r.getString(4), r.getString(6));
          keys.put(
              r.getString(1),
              new SigningKey(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  Instant.ofEpochMilli(r.getLong(7)),
                  arn));
          sessionIds.put(r.getString(1), r.getString(5) + ":" + r.getString(6));
          return null;
        });
    Map<String, Role> roles = new HashMap<>();
    for (Role role : readRoles()) {
      roles.put(role.roleName(), role);
    }
    Map<String, PolicyDocument> customer = new HashMap<>();
    for (CustomerPolicy p : customerPolicies()) {
      parsed(p.document(), PolicyKind.IDENTITY).ifPresent(d -> customer.put(p.arn(accountId), d));
    }
    Map<String, List<PolicyDocument>> policies = new HashMap<>();
    query(
        "SELECT holder, holder_name, document FROM inline_policies ORDER BY holder, holder_name,"
            + " name",
        r -> {
          String key = Snapshot.holderKey(Holder.valueOf(r.getString(1)), r.getString(2));
          parsed(r.getString(3), PolicyKind.IDENTITY)
              .ifPresent(d -> policies.computeIfAbsent(key, k -> new ArrayList<>()).add(d));
          return null;
        });
    query(
        "SELECT holder, holder_name, arn FROM attached_policies ORDER BY rowid",
        r -> {
          String key = Snapshot.holderKey(Holder.valueOf(r.getString(1)), r.getString(2));
          String arn = r.getString(3);
          Optional<PolicyDocument> d =
              ManagedPolicies.find(arn).or(() -> Optional.ofNullable(customer.get(arn)));
          d.ifPresent(doc -> policies.computeIfAbsent(key, k -> new ArrayList<>()).add(doc));
          return null;
        });
    Map<String, List<PolicyDocument>> frozen = new HashMap<>();
    policies.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new Snapshot(keys, roles, frozen, sessionIds);
  }

  /** A stored document parsed; empty (it grants nothing) if it no longer parses. */
  private static Optional<PolicyDocument> parsed(String json, PolicyKind kind) {
    try {
      return Optional.of(PolicyDocument.parse(json, kind));
    } catch (PolicyException e) {
      return Optional.empty();
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

  // ---- roles

  /** A new role; its trust policy is checked as IAM checks it. */
  public Role createRole(
      String name, String path, String trustJson, String description, int maxSessionDuration) {
    lock.lock();
    try {
      PolicyDocument trust = PolicyRules.trust(trustJson);
      if (roleRow(name).isPresent()) {
        throw IamException.roleExists(name);
      }
      Role role =
          new Role(
              name,
              "AROA" + KeyMaker.base32(16),
              path,
              trustJson,
              trust,
              description,
              maxSessionDuration,
              now());
      write(
          "INSERT INTO roles (name, role_id, path, trust, description, max_session, created_ms)"
              + " VALUES (?,?,?,?,?,?,?)",
          role.roleName(),
          role.roleId(),
          role.path(),
          role.trustPolicyJson(),
          role.description(),
          role.maxSessionDuration(),
          role.created().toEpochMilli());
      return role;
    } finally {
      lock.unlock();
    }
  }

  /** Replaces a role's trust policy. */
  public void updateTrustPolicy(String name, String trustJson) {
    lock.lock();
    try {
      PolicyRules.trust(trustJson);
      requireHolder(Holder.ROLE, name);
      write("UPDATE roles SET trust = ? WHERE name = ?", trustJson, name);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes a role that holds no policies (its sessions keep working until they expire). */
  public void deleteRole(String name) {
    lock.lock();
    try {
      requireHolder(Holder.ROLE, name);
      requireNoPolicies(Holder.ROLE, name);
      write("DELETE FROM roles WHERE name = ?", name);
    } finally {
      lock.unlock();
    }
  }

  private Optional<Role> roleRow(String name) {
    return readRoles("WHERE name = ?", name).stream().findFirst();
  }

  private List<Role> readRoles(String where, Object... args) {
    record RoleRow(
        String name,
        String id,
        String path,
        String trust,
        String description,
        int maxSession,
        long created) {}
    List<RoleRow> rows =
        query(
            "SELECT name, role_id, path, trust, description, max_session, created_ms FROM roles "
                + where
                + " ORDER BY name",
            r ->
                new RoleRow(
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getInt(6),
                    r.getLong(7)),
            args);
    List<Role> roles = new ArrayList<>(rows.size());
    for (RoleRow r : rows) {
      // a trust policy that no longer parses (written by a newer Outlet?) lets nobody in
      parsed(r.trust(), PolicyKind.RESOURCE)
          .ifPresent(
              trust ->
                  roles.add(
                      new Role(
                          r.name(),
                          r.id(),
                          r.path(),
                          r.trust(),
                          trust,
                          r.description(),
                          r.maxSession(),
                          Instant.ofEpochMilli(r.created()))));
    }
    return roles;
  }

  private List<Role> readRoles() {
    return readRoles("");
  }

  // ---- inline policies

  /** Adds or replaces an inline policy of a user or role. */
  public void putInlinePolicy(Holder holder, String holderName, String policyName, String json) {
    lock.lock();
    try {
      requireHolder(holder, holderName);
      List<String> others = new ArrayList<>();
      inlinePolicies(holder, holderName)
          .forEach(
              (name, document) -> {
                if (!name.equals(policyName)) {
                  others.add(document);
                }
              });
      PolicyRules.inline(holder, holderName, json, others);
      write(
          "INSERT OR REPLACE INTO inline_policies (holder, holder_name, name, document)"
              + " VALUES (?,?,?,?)",
          holder.name(),
          holderName,
          policyName,
          json);
    } finally {
      lock.unlock();
    }
  }

  /** An inline policy's document as it was put. */
  public String inlinePolicy(Holder holder, String holderName, String policyName) {
    requireHolder(holder, holderName);
    String document = inlinePolicies(holder, holderName).get(policyName);
    if (document == null) {
      throw IamException.noSuchInlinePolicy(holder, policyName);
    }
    return document;
  }

  /** The inline policies of a user or role: name to document, by name. */
  public Map<String, String> inlinePolicies(Holder holder, String holderName) {
    Map<String, String> out = new LinkedHashMap<>();
    query(
        "SELECT name, document FROM inline_policies WHERE holder = ? AND holder_name = ?"
            + " ORDER BY name",
        r -> out.put(r.getString(1), r.getString(2)),
        holder.name(),
        holderName);
    return out;
  }

  /** Deletes an inline policy. */
  public void deleteInlinePolicy(Holder holder, String holderName, String policyName) {
    lock.lock();
    try {
      inlinePolicy(holder, holderName, policyName);
      write(
          "DELETE FROM inline_policies WHERE holder = ? AND holder_name = ? AND name = ?",
          holder.name(),
          holderName,
          policyName);
    } finally {
      lock.unlock();
    }
  }

  // ---- managed policies: attachments

  /** Attaches an AWS managed policy Outlet knows or a customer managed one (idempotent). */
  public void attach(Holder holder, String holderName, String policyArn) {
    lock.lock();
    try {
      requireHolder(holder, holderName);
      if (!ManagedPolicies.arns().contains(policyArn) && customerPolicy(policyArn).isEmpty()) {
        throw IamException.notAttachable(policyArn);
      }
      List<String> attached = attached(holder, holderName);
      if (attached.contains(policyArn)) {
        return;
      }
      if (attached.size() >= PolicyRules.ATTACHED_QUOTA) {
        throw IamException.attachmentQuota(holder, PolicyRules.ATTACHED_QUOTA);
      }
      write(
          "INSERT INTO attached_policies (holder, holder_name, arn) VALUES (?,?,?)",
          holder.name(),
          holderName,
          policyArn);
    } finally {
      lock.unlock();
    }
  }

  /** Detaches a managed policy; {@code NoSuchEntity} when it is not attached. */
  public void detach(Holder holder, String holderName, String policyArn) {
    lock.lock();
    try {
      requireHolder(holder, holderName);
      if (!attached(holder, holderName).contains(policyArn)) {
        throw IamException.noSuchPolicy(policyArn);
      }
      write(
          "DELETE FROM attached_policies WHERE holder = ? AND holder_name = ? AND arn = ?",
          holder.name(),
          holderName,
          policyArn);
    } finally {
      lock.unlock();
    }
  }

  /** The ARNs of the managed policies attached to a user or role, in attachment order. */
  public List<String> attached(Holder holder, String holderName) {
    return query(
        "SELECT arn FROM attached_policies WHERE holder = ? AND holder_name = ? ORDER BY rowid",
        r -> r.getString(1),
        holder.name(),
        holderName);
  }

  /** Who holds a managed policy: holder kind and name, in attachment order. */
  public List<Map.Entry<Holder, String>> entitiesFor(String policyArn) {
    return query(
        "SELECT holder, holder_name FROM attached_policies WHERE arn = ? ORDER BY rowid",
        r -> Map.entry(Holder.valueOf(r.getString(1)), r.getString(2)),
        policyArn);
  }

  // ---- customer managed policies

  /** A new customer managed policy (version v1). */
  public CustomerPolicy createPolicy(String name, String path, String json, String description) {
    lock.lock();
    try {
      PolicyRules.managed(json);
      boolean taken =
          !query("SELECT name FROM customer_policies WHERE name = ?", r -> r.getString(1), name)
              .isEmpty();
      if (taken) {
        throw IamException.policyExists(name);
      }
      CustomerPolicy p =
          new CustomerPolicy(name, "ANPA" + KeyMaker.base32(16), path, json, description, now());
      write(
          "INSERT INTO customer_policies (name, policy_id, path, document, description,"
              + " created_ms) VALUES (?,?,?,?,?,?)",
          p.policyName(),
          p.policyId(),
          p.path(),
          p.document(),
          p.description(),
          p.created().toEpochMilli());
      return p;
    } finally {
      lock.unlock();
    }
  }

  /** The customer managed policy with this ARN, if any. */
  public Optional<CustomerPolicy> customerPolicy(String arn) {
    return customerPolicies().stream().filter(p -> p.arn(accountId).equals(arn)).findFirst();
  }

  /** Every customer managed policy, by name. */
  public List<CustomerPolicy> customerPolicies() {
    return query(
        "SELECT name, policy_id, path, document, description, created_ms FROM customer_policies"
            + " ORDER BY name",
        r ->
            new CustomerPolicy(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                Instant.ofEpochMilli(r.getLong(6))));
  }

  /** Deletes a customer managed policy attached to nobody. */
  public void deletePolicy(String arn) {
    lock.lock();
    try {
      CustomerPolicy p = customerPolicy(arn).orElseThrow(() -> IamException.noSuchPolicy(arn));
      if (!entitiesFor(arn).isEmpty()) {
        throw IamException.policyAttached();
      }
      write("DELETE FROM customer_policies WHERE name = ?", p.policyName());
    } finally {
      lock.unlock();
    }
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

  private void requireHolder(Holder holder, String name) {
    if (holder == Holder.USER) {
      requireUser(name);
    } else if (roleRow(name).isEmpty()) {
      throw IamException.noSuchRole(name);
    }
  }

  private void requireNoPolicies(Holder holder, String name) {
    if (!attached(holder, name).isEmpty()) {
      throw IamException.policiesAttached();
    }
    if (!inlinePolicies(holder, name).isEmpty()) {
      throw IamException.inlinePoliciesLeft();
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
    try {
      execute(sql, args);
      refresh();
    } finally {
      lock.unlock();
    }
  }

  private void execute(String sql, Object... args) {
    lock.lock();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
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
