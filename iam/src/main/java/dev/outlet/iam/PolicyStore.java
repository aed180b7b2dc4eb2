package dev.outlet.iam;

import dev.outlet.iam.policy.ManagedPolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The roles and policies of an {@link IdentityStore} (which owns it: {@link
 * IdentityStore#policies}): roles with their trust policies, inline policies of users and roles,
 * attachments of managed policies, and customer managed policies. Each change is checked (IAM's
 * errors; documents by {@link PolicyRules}) then committed under the store's lock, and the store's
 * snapshot is replaced.
 */
public final class PolicyStore {
  private final IdentityDb db;
  private final String accountId;
  private final InstantSource clock;
  private final Runnable changed;

  PolicyStore(IdentityDb db, String accountId, InstantSource clock, Runnable changed) {
    this.db = db;
    this.accountId = accountId;
    this.clock = clock;
    this.changed = changed;
  }

  private void write(String sql, Object... args) {
    db.lock().lock();
    try {
      db.execute(sql, args);
      changed.run();
    } finally {
      db.lock().unlock();
    }
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** A new role; its trust policy is checked as IAM checks it. */
  public Role createRole(
      String name, String path, String trustJson, String description, int maxSessionDuration) {
    db.lock().lock();
    try {
      PolicyDocument trust = PolicyRules.trust(trustJson);
      if (roleExists(name)) {
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
      db.lock().unlock();
    }
  }

  /** Replaces a role's trust policy. */
  public void updateTrustPolicy(String name, String trustJson) {
    db.lock().lock();
    try {
      PolicyRules.trust(trustJson);
      requireHolder(Holder.ROLE, name);
      write("UPDATE roles SET trust = ? WHERE name = ?", trustJson, name);
    } finally {
      db.lock().unlock();
    }
  }

  /** Deletes a role that holds no policies (its sessions keep working until they expire). */
  public void deleteRole(String name) {
    db.lock().lock();
    try {
      requireHolder(Holder.ROLE, name);
      requireNoPolicies(Holder.ROLE, name);
      write("DELETE FROM roles WHERE name = ?", name);
    } finally {
      db.lock().unlock();
    }
  }

  private boolean roleExists(String name) {
    return !db.query("SELECT name FROM roles WHERE name = ?", r -> r.getString(1), name).isEmpty();
  }

  /**
   * Every role, its trust policy parsed by {@code parser} (a role whose policy does not parse is
   * left out: it lets nobody in).
   */
  List<Role> readRoles(BiFunction<String, PolicyKind, Optional<PolicyDocument>> parser) {
    record RoleRow(
        String name,
        String id,
        String path,
        String trust,
        String description,
        int maxSession,
        long created) {}
    List<RoleRow> rows =
        db.query(
            "SELECT name, role_id, path, trust, description, max_session, created_ms FROM roles "
                + "ORDER BY name",
            r ->
                new RoleRow(
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getInt(6),
                    r.getLong(7)));
    List<Role> roles = new ArrayList<>(rows.size());
    for (RoleRow r : rows) {
      parser
          .apply(r.trust(), PolicyKind.RESOURCE)
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

  // ---- inline policies

  /** Adds or replaces an inline policy of a user or role. */
  public void putInlinePolicy(Holder holder, String holderName, String policyName, String json) {
    db.lock().lock();
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
          "INSERT INTO inline_policies (holder, holder_name, name, document) VALUES (?,?,?,?)"
              + " ON CONFLICT (holder, holder_name, name) DO UPDATE SET document ="
              + " excluded.document",
          holder.name(),
          holderName,
          policyName,
          json);
    } finally {
      db.lock().unlock();
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
    db.query(
        "SELECT name, document FROM inline_policies WHERE holder = ? AND holder_name = ?"
            + " ORDER BY name",
        r -> out.put(r.getString(1), r.getString(2)),
        holder.name(),
        holderName);
    return out;
  }

  /** Deletes an inline policy. */
  public void deleteInlinePolicy(Holder holder, String holderName, String policyName) {
    db.lock().lock();
    try {
      inlinePolicy(holder, holderName, policyName);
      write(
          "DELETE FROM inline_policies WHERE holder = ? AND holder_name = ? AND name = ?",
          holder.name(),
          holderName,
          policyName);
    } finally {
      db.lock().unlock();
    }
  }

  // ---- managed policies: attachments

  /** Attaches an AWS managed policy Outlet knows or a customer managed one (idempotent). */
  public void attach(Holder holder, String holderName, String policyArn) {
    db.lock().lock();
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
      db.lock().unlock();
    }
  }

  /** Detaches a managed policy; {@code NoSuchEntity} when it is not attached. */
  public void detach(Holder holder, String holderName, String policyArn) {
    db.lock().lock();
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
      db.lock().unlock();
    }
  }

  /** The ARNs of the managed policies attached to a user or role, in attachment order. */
  public List<String> attached(Holder holder, String holderName) {
    return db.query(
        "SELECT arn FROM attached_policies WHERE holder = ? AND holder_name = ? ORDER BY rowid",
        r -> r.getString(1),
        holder.name(),
        holderName);
  }

  /** Who holds a managed policy: holder kind and name, in attachment order. */
  public List<Map.Entry<Holder, String>> entitiesFor(String policyArn) {
    return db.query(
        "SELECT holder, holder_name FROM attached_policies WHERE arn = ? ORDER BY rowid",
        r -> Map.entry(Holder.valueOf(r.getString(1)), r.getString(2)),
        policyArn);
  }

  // ---- customer managed policies

  /** A new customer managed policy (version v1). */
  public CustomerPolicy createPolicy(String name, String path, String json, String description) {
    db.lock().lock();
    try {
      PolicyRules.managed(json);
      boolean taken =
          !db.query("SELECT name FROM customer_policies WHERE name = ?", r -> r.getString(1), name)
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
      db.lock().unlock();
    }
  }

  /** The customer managed policy with this ARN, if any. */
  public Optional<CustomerPolicy> customerPolicy(String arn) {
    return customerPolicies().stream().filter(p -> p.arn(accountId).equals(arn)).findFirst();
  }

  /** Every customer managed policy, by name. */
  public List<CustomerPolicy> customerPolicies() {
    return db.query(
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
    db.lock().lock();
    try {
      CustomerPolicy p = customerPolicy(arn).orElseThrow(() -> IamException.noSuchPolicy(arn));
      if (!entitiesFor(arn).isEmpty()) {
        throw IamException.policyAttached();
      }
      write("DELETE FROM customer_policies WHERE name = ?", p.policyName());
    } finally {
      db.lock().unlock();
    }
  }

  void requireHolder(Holder holder, String name) {
    if (holder == Holder.USER) {
      if (db.query("SELECT name FROM users WHERE name = ?", r -> r.getString(1), name).isEmpty()) {
        throw IamException.noSuchUser(name);
      }
    } else if (!roleExists(name)) {
      throw IamException.noSuchRole(name);
    }
  }

  void requireNoPolicies(Holder holder, String name) {
    if (!attached(holder, name).isEmpty()) {
      throw IamException.policiesAttached();
    }
    if (!inlinePolicies(holder, name).isEmpty()) {
      throw IamException.inlinePoliciesLeft();
    }
  }
}
