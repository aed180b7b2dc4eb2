package dev.outlet.api;

import dev.outlet.iam.ResourcePolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The resource-based policies of functions (AddPermission's statements), one document per function
 * and qualifier, in {@code DATA/function-policies.db}.
 *
 * <p>Contract: each change is one committed SQLite statement before the method returns (it survives
 * {@code kill -9}); the parsed documents are an immutable snapshot replaced after each change, so
 * {@link #of} (asked on the Invoke path) never touches the file. One lock orders the writers.
 */
public final class FunctionPolicies implements ResourcePolicies, AutoCloseable {
  private static final String FILE = "function-policies.db";

  /**
   * A function's policy as stored.
   *
   * @param json the document, as GetPolicy returns it
   * @param revisionId changes with every write
   * @param document {@code json} parsed
   */
  public record Stored(String json, String revisionId, PolicyDocument document) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private volatile Map<String, Stored> snapshot = Map.of();

  private FunctionPolicies(Connection db) {
    this.db = db;
  }

  public static FunctionPolicies open(Path dataDir) {
    FunctionPolicies p =
        new FunctionPolicies(
            DurableSqlite.open(
                dataDir.resolve(FILE),
                List.of(
                    "CREATE TABLE IF NOT EXISTS policies (function TEXT NOT NULL,"
                        + " qualifier TEXT NOT NULL, policy TEXT NOT NULL,"
                        + " revision_id TEXT NOT NULL, PRIMARY KEY (function, qualifier))")));
    p.reload();
    return p;
  }

  /** The policy of {@code function} ({@code qualifier} "" for the unqualified function). */
  public Optional<Stored> find(String function, String qualifier) {
    return Optional.ofNullable(snapshot.get(key(function, qualifier)));
  }

  /**
   * The policies that apply to a function ARN ({@code arn:aws:lambda:R:A:function:NAME[:Q]}): its
   * own document; a qualified ARN is governed by the qualifier's policy, as on AWS.
   */
  @Override
  public List<PolicyDocument> of(String resourceArn) {
    int at = resourceArn.indexOf(":function:");
    if (at < 0) {
      return List.of();
    }
    String rest = resourceArn.substring(at + ":function:".length());
    int colon = rest.indexOf(':');
    String function = colon < 0 ? rest : rest.substring(0, colon);
    String qualifier = colon < 0 ? "" : rest.substring(colon + 1);
    Stored s = snapshot.get(key(function, qualifier));
    return s == null ? List.of() : List.of(s.document());
  }

  /** Writes (or, when {@code json} is null, removes) the policy of a function and qualifier. */
  public void write(String function, String qualifier, String json, String revisionId) {
    lock.lock();
    try {
      if (json == null) {
        execute("DELETE FROM policies WHERE function = ? AND qualifier = ?", function, qualifier);
      } else {
        execute(
            "INSERT OR REPLACE INTO policies (function, qualifier, policy, revision_id)"
                + " VALUES (?,?,?,?)",
            function,
            qualifier,
            json,
            revisionId);
      }
      reload();
    } finally {
      lock.unlock();
    }
  }

  /** Drops every policy of a deleted function. */
  public void functionDeleted(String function) {
    lock.lock();
    try {
      int colon = function.indexOf(':');
      if (colon < 0) {
        execute("DELETE FROM policies WHERE function = ?", function);
      } else {
        execute(
            "DELETE FROM policies WHERE function = ? AND qualifier = ?",
            function.substring(0, colon),
            function.substring(colon + 1));
      }
      reload();
    } finally {
      lock.unlock();
    }
  }

  private void execute(String sql, String... args) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot write function policies: " + e.getMessage(), e);
    }
  }

  private void reload() {
    lock.lock();
    try (PreparedStatement s =
            db.prepareStatement("SELECT function, qualifier, policy, revision_id FROM policies");
        ResultSet r = s.executeQuery()) {
      Map<String, Stored> next = new HashMap<>();
      while (r.next()) {
        String json = r.getString(3);
        next.put(
            key(r.getString(1), r.getString(2)),
            new Stored(json, r.getString(4), PolicyDocument.parse(json, PolicyKind.RESOURCE)));
      }
      snapshot = Map.copyOf(next);
    } catch (SQLException e) {
      throw new StorageException("cannot read function policies: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private static String key(String function, String qualifier) {
    return function + "\u0000" + (qualifier == null ? "" : qualifier);
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
