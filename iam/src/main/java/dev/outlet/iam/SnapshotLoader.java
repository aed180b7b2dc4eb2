package dev.outlet.iam;

import dev.outlet.edge.SigningKeys.SigningKey;
import dev.outlet.iam.policy.ManagedPolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyException;
import dev.outlet.iam.policy.PolicyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the whole file into a {@link Snapshot}, parsing each document once: the only place the
 * request path's documents are parsed. Called under the store's lock.
 */
final class SnapshotLoader {
  private final IdentityDb db;
  private final String accountId;
  private final IdentityStore store;
  private final PolicyStore policies;

  /** Documents parsed for the last snapshot, by kind and text: reused, so each is parsed once. */
  private Map<String, Optional<PolicyDocument>> parsedBefore = Map.of();

  private Map<String, Optional<PolicyDocument>> parsedNow = new HashMap<>();

  SnapshotLoader(IdentityDb db, String accountId, IdentityStore store, PolicyStore policies) {
    this.db = db;
    this.accountId = accountId;
    this.store = store;
    this.policies = policies;
  }

  Snapshot load() {
    parsedNow = new HashMap<>();
    Map<String, SigningKey> keys = new HashMap<>();
    Map<String, User> byName = new HashMap<>();
    store.users().forEach(u -> byName.put(u.userName(), u));
    for (AccessKey k : store.keys(null)) {
      if (k.status() == AccessKey.Status.Active) {
        User u = byName.get(k.userName());
        String arn =
            u != null ? u.arn(accountId) : "arn:aws:iam::" + accountId + ":user/" + k.userName();
        keys.put(k.accessKeyId(), new SigningKey(k.accessKeyId(), k.secret(), null, null, arn));
      }
    }
    Map<String, String> sessionIds = new HashMap<>();
    Map<String, String> sessionRoles = new HashMap<>();
    db.query(
        "SELECT id, secret, token, role_name, role_id, session_name, expires_ms FROM sessions",
        r -> {
          String arn =
              "arn:aws:sts::"
                  + accountId
                  + ":assumed-role/"
                  + r.getString(4)
                  + "/"
                  + r.getString(6);
          keys.put(
              r.getString(1),
              new SigningKey(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  Instant.ofEpochMilli(r.getLong(7)),
                  arn));
          sessionIds.put(r.getString(1), r.getString(5) + ":" + r.getString(6));
          sessionRoles.put(arn, r.getString(4));
          return null;
        });
    Map<String, Role> roles = new HashMap<>();
    for (Role role : policies.readRoles(this::parse)) {
      roles.put(role.roleName(), role);
    }
    Map<String, PolicyDocument> customer = new HashMap<>();
    for (CustomerPolicy p : policies.customerPolicies()) {
      parse(p.document(), PolicyKind.IDENTITY).ifPresent(d -> customer.put(p.arn(accountId), d));
    }
    Map<String, List<PolicyDocument>> policies = new HashMap<>();
    db.query(
        "SELECT holder, holder_name, document FROM inline_policies ORDER BY holder, holder_name,"
            + " name",
        r -> {
          String key = Snapshot.holderKey(Holder.valueOf(r.getString(1)), r.getString(2));
          parse(r.getString(3), PolicyKind.IDENTITY)
              .ifPresent(d -> policies.computeIfAbsent(key, k -> new ArrayList<>()).add(d));
          return null;
        });
    db.query(
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
    Map<String, List<PolicyDocument>> byArn = new HashMap<>();
    for (User u : byName.values()) {
      byArn.put(
          u.arn(accountId),
          frozen.getOrDefault(Snapshot.holderKey(Holder.USER, u.userName()), List.of()));
    }
    for (Role r : roles.values()) {
      byArn.put(
          r.arn(accountId),
          frozen.getOrDefault(Snapshot.holderKey(Holder.ROLE, r.roleName()), List.of()));
    }
    sessionRoles.forEach(
        (arn, role) ->
            byArn.put(arn, frozen.getOrDefault(Snapshot.holderKey(Holder.ROLE, role), List.of())));
    parsedBefore = parsedNow;
    return new Snapshot(keys, roles, frozen, sessionIds, byArn);
  }

  private Optional<PolicyDocument> parse(String json, PolicyKind kind) {
    String key = kind.name() + "\n" + json;
    return parsedNow.computeIfAbsent(
        key, k -> parsedBefore.containsKey(k) ? parsedBefore.get(k) : parsed(json, kind));
  }

  /** A stored document parsed; empty (it grants nothing) if it no longer parses. */
  static Optional<PolicyDocument> parsed(String json, PolicyKind kind) {
    try {
      return Optional.of(PolicyDocument.parse(json, kind));
    } catch (PolicyException e) {
      return Optional.empty();
    }
  }
}
