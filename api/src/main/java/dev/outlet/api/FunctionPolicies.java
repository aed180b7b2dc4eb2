package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.DocumentStore;
import dev.outlet.iam.ResourcePolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource-based policies of functions (AddPermission's statements), one document per function
 * and qualifier, in the region's document store {@code policies} (on one machine {@code
 * DATA/policies.db}; in a cluster, shared by the nodes, so a permission added through one node is
 * honoured by every node).
 *
 * <p>Contract: a write is committed when the method returns (it survives {@code kill -9}). {@link
 * #of} (asked on the Invoke path) reads the parsed form of the store's current snapshot, parsed
 * again only when the snapshot changed, and never touches the database.
 */
public final class FunctionPolicies implements ResourcePolicies, AutoCloseable {
  /** The document store's name. */
  public static final String STORE = "policies";

  /** Where the policies were kept before they moved to the document store. */
  static final String LEGACY_FILE = "function-policies.db";

  private static final Logger LOG = LoggerFactory.getLogger(FunctionPolicies.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A function's policy as stored.
   *
   * @param json the document, as GetPolicy returns it
   * @param revisionId changes with every write
   * @param document {@code json} parsed
   */
  public record Stored(String json, String revisionId, PolicyDocument document) {}

  /** The stored form of one policy. */
  private record Entry(
      @JsonProperty("RevisionId") String revisionId, @JsonProperty("Policy") String policy) {}

  /** The parsed policies of one snapshot of the store. */
  private record Parsed(Map<String, Map<String, String>> source, Map<String, Stored> byKey) {}

  private final DocumentStore store;
  private volatile Parsed parsed = new Parsed(Map.of(), Map.of());

  private FunctionPolicies(DocumentStore store) {
    this.store = store;
  }

  /**
   * The policies in {@code store} (which this then owns), first taking in those of a {@code
   * function-policies.db} an earlier Outlet left in {@code dataDir} (renamed {@code .imported}
   * after).
   */
  public static FunctionPolicies open(DocumentStore store, Path dataDir) {
    FunctionPolicies p = new FunctionPolicies(store);
    try {
      p.importLegacy(dataDir.resolve(LEGACY_FILE));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return p;
  }

  private void importLegacy(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    Connection db = DurableSqlite.open(file, List.of());
    try (PreparedStatement s =
            db.prepareStatement("SELECT function, qualifier, policy, revision_id FROM policies");
        ResultSet r = s.executeQuery()) {
      int taken = 0;
      while (r.next()) {
        if (store.get(r.getString(1), r.getString(2)).isEmpty()) {
          write(r.getString(1), r.getString(2), r.getString(3), r.getString(4));
          taken++;
        }
      }
      LOG.info("took {} function policies from {}", taken, file);
    } catch (SQLException e) {
      throw new StorageException("cannot read function policies in " + file + ": " + e, e);
    } finally {
      DurableSqlite.closeQuietly(db);
    }
    try {
      Files.move(file, file.resolveSibling(LEGACY_FILE + ".imported"));
    } catch (java.io.IOException e) {
      throw new StorageException("cannot rename " + file + " after taking its policies: " + e, e);
    }
  }

  /** The policy of {@code function} ({@code qualifier} "" for the unqualified function). */
  public Optional<Stored> find(String function, String qualifier) {
    return Optional.ofNullable(snapshot().get(key(function, qualifier)));
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
    Stored s = snapshot().get(key(function, qualifier));
    return s == null ? List.of() : List.of(s.document());
  }

  /** Writes (or, when {@code json} is null, removes) the policy of a function and qualifier. */
  public void write(String function, String qualifier, String json, String revisionId) {
    String q = qualifier == null ? "" : qualifier;
    if (json == null) {
      store.delete(function, q);
      return;
    }
    try {
      store.put(function, q, JSON.writeValueAsString(new Entry(revisionId, json)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a function policy", e);
    }
  }

  /** Drops every policy of a deleted function ({@code name}) or alias ({@code name:alias}). */
  public void functionDeleted(String function) {
    int colon = function.indexOf(':');
    if (colon < 0) {
      store.deleteOwner(function);
    } else {
      store.delete(function.substring(0, colon), function.substring(colon + 1));
    }
  }

  private Map<String, Stored> snapshot() {
    Map<String, Map<String, String>> now = store.everything();
    Parsed p = parsed;
    if (p.source() != now) {
      p = new Parsed(now, parse(now));
      parsed = p;
    }
    return p.byKey();
  }

  private static Map<String, Stored> parse(Map<String, Map<String, String>> documents) {
    Map<String, Stored> out = new HashMap<>();
    documents.forEach(
        (function, byQualifier) ->
            byQualifier.forEach(
                (qualifier, doc) -> {
                  try {
                    Entry e = JSON.readValue(doc, Entry.class);
                    out.put(
                        key(function, qualifier),
                        new Stored(
                            e.policy(),
                            e.revisionId(),
                            PolicyDocument.parse(e.policy(), PolicyKind.RESOURCE)));
                  } catch (JsonProcessingException | RuntimeException bad) {
                    LOG.warn(
                        "the policy of {}:{} cannot be read; ignored: {}",
                        function,
                        qualifier,
                        bad.toString());
                  }
                }));
    return Map.copyOf(out);
  }

  private static String key(String function, String qualifier) {
    return function + "\u0000" + (qualifier == null ? "" : qualifier);
  }

  @Override
  public void close() {
    store.close();
  }
}
