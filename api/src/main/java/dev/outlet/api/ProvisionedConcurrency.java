package dev.outlet.api;

import dev.outlet.api.model.ProvisionedConcurrencyConfig;
import dev.outlet.core.Account;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.ProvisionProgress;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.storage.DurableSqlite;
import dev.outlet.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Provisioned concurrency configurations (one per published version or alias), in {@code
 * DATA/provisioned-concurrency.db}, and what they ask of the {@link Provisioner}: after every
 * change to a configuration, to its function's aliases or versions, the function's wanted sandboxes
 * (spec → count) are recomputed and handed over.
 *
 * <p>Contract: each change is one committed statement before the method returns (it survives {@code
 * kill -9}); reads use an immutable snapshot. One lock orders writers and reconciliation. Blocking:
 * virtual threads only.
 */
public final class ProvisionedConcurrency implements AutoCloseable {
  private static final String FILE = "provisioned-concurrency.db";
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** A stored configuration. */
  record Config(String function, String qualifier, int requested, String lastModified) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Connection db;
  private final FunctionRegistry registry;
  private final InstantSource clock;
  private final int accountLimit;
  private volatile Map<String, Config> snapshot = Map.of();
  private volatile Provisioner provisioner = Provisioner.NONE;

  private ProvisionedConcurrency(
      Connection db, FunctionRegistry registry, InstantSource clock, int accountLimit) {
    this.db = db;
    this.registry = registry;
    this.clock = clock;
    this.accountLimit = accountLimit;
  }

  /**
   * Opens the store and follows the registry: a deleted function, version or alias loses its
   * configuration; a moved alias moves its sandboxes.
   */
  public static ProvisionedConcurrency open(
      Path dataDir, FunctionRegistry registry, InstantSource clock, int accountLimit) {
    ProvisionedConcurrency p =
        new ProvisionedConcurrency(
            DurableSqlite.open(
                dataDir.resolve(FILE),
                List.of(
                    "CREATE TABLE IF NOT EXISTS configs (function TEXT NOT NULL,"
                        + " qualifier TEXT NOT NULL, requested INTEGER NOT NULL,"
                        + " last_modified TEXT NOT NULL, PRIMARY KEY (function, qualifier))")),
            registry,
            clock,
            accountLimit);
    p.reload();
    registry.onRemoved(p::removed);
    registry.onLineageChanged(p::reconcile);
    return p;
  }

  /** From now on configurations are acted on by {@code p}; every function is reconciled. */
  public void use(Provisioner p) {
    provisioner = p;
    snapshot.values().stream().map(Config::function).distinct().forEach(this::reconcile);
  }

  /** PutProvisionedConcurrencyConfig, after the caller resolved the version or alias. */
  Config put(Qualifiers.Target target, Integer requested) {
    if (target.qualifier() == null || target.qualifier().equals("$LATEST")) {
      throw LambdaException.invalidParameter(
          "The function resource provided must be an alias or a published version.");
    }
    if (requested == null) {
      throw LambdaException.validation(
          "null", "provisionedConcurrentExecutions", "Member must not be null");
    }
    if (requested < 1) {
      throw LambdaException.validation(
          Integer.toString(requested),
          "provisionedConcurrentExecutions",
          "Member must have value greater than or equal to 1");
    }
    lock.lock();
    try {
      int others = 0;
      for (Config c : list(target.name())) {
        if (!c.qualifier().equals(target.qualifier())) {
          others += c.requested();
        }
      }
      var reserved = // reserved concurrency is the function's ($LATEST record), shared by versions
          registry.find(target.name()).orElseThrow().record().reserved();
      if (reserved.isPresent() && others + requested > reserved.getAsInt()) {
        throw LambdaException.invalidParameter(
            "Requested Provisioned Concurrency should not be greater than the"
                + " reservedConcurrentExecution for function");
      }
      if (others + requested > accountLimit - dev.outlet.core.Limits.MIN_UNRESERVED_CONCURRENCY) {
        throw LambdaException.invalidParameter(
            "Specified ConcurrentExecutions for function is greater than account's unreserved"
                + " concurrency ["
                + (accountLimit - dev.outlet.core.Limits.MIN_UNRESERVED_CONCURRENCY)
                + "].");
      }
      Config c =
          new Config(
              target.name(), target.qualifier(), requested, LAST_MODIFIED.format(clock.instant()));
      execute(
          "INSERT OR REPLACE INTO configs (function, qualifier, requested, last_modified)"
              + " VALUES (?,?,?,?)",
          c.function(),
          c.qualifier(),
          Integer.toString(requested),
          c.lastModified());
      reload();
      reconcile(target.name());
      return c;
    } finally {
      lock.unlock();
    }
  }

  Config get(String function, String qualifier) {
    Config c = snapshot.get(key(function, qualifier));
    if (c == null) {
      throw new LambdaException(
          ErrorCode.PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND,
          "No Provisioned Concurrency Config found for this function");
    }
    return c;
  }

  void delete(String function, String qualifier) {
    lock.lock();
    try {
      execute("DELETE FROM configs WHERE function = ? AND qualifier = ?", function, qualifier);
      reload();
      reconcile(function);
    } finally {
      lock.unlock();
    }
  }

  /** A function's configurations, by qualifier. */
  List<Config> list(String function) {
    List<Config> out = new ArrayList<>();
    for (Config c : new TreeMap<>(snapshot).values()) {
      if (c.function().equals(function)) {
        out.add(c);
      }
    }
    return out;
  }

  /** A configuration with its progress, as the API answers it. */
  ProvisionedConcurrencyConfig view(Config c, Account account, boolean withArn) {
    Optional<Deployed> d = registry.invocableWithoutRouting(c.function(), c.qualifier());
    ProvisionProgress p =
        d.map(x -> provisioner.progress(x.spec().key())).orElse(new ProvisionProgress(0, null));
    int allocated = Math.min(p.ready(), c.requested());
    String status =
        p.failure() != null ? "FAILED" : allocated >= c.requested() ? "READY" : "IN_PROGRESS";
    return new ProvisionedConcurrencyConfig(
        withArn ? account.functionArn(c.function()) + ":" + c.qualifier() : null,
        c.requested(),
        allocated,
        allocated,
        status,
        p.failure(),
        c.lastModified());
  }

  /** Recomputes what {@code function} wants provisioned and hands it over. */
  void reconcile(String function) {
    lock.lock();
    try {
      Map<SandboxSpec, Integer> wanted = new HashMap<>();
      for (Config c : list(function)) {
        registry
            .invocableWithoutRouting(function, c.qualifier())
            .ifPresent(d -> wanted.merge(d.spec(), c.requested(), Integer::sum));
      }
      provisioner.provision(function, wanted);
    } finally {
      lock.unlock();
    }
  }

  /** The registry's removal hook: "name" (the function) or "name:qualifier". */
  private void removed(String deleted) {
    int colon = deleted.indexOf(':');
    lock.lock();
    try {
      if (colon < 0) {
        execute("DELETE FROM configs WHERE function = ?", deleted);
        reload();
        provisioner.provision(deleted, Map.of());
      } else {
        delete(deleted.substring(0, colon), deleted.substring(colon + 1));
      }
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
      throw new StorageException("cannot write " + FILE + ": " + e.getMessage(), e);
    }
  }

  private void reload() {
    try (PreparedStatement s =
            db.prepareStatement(
                "SELECT function, qualifier, requested, last_modified FROM configs");
        ResultSet r = s.executeQuery()) {
      Map<String, Config> next = new HashMap<>();
      while (r.next()) {
        Config c = new Config(r.getString(1), r.getString(2), r.getInt(3), r.getString(4));
        next.put(key(c.function(), c.qualifier()), c);
      }
      snapshot = Map.copyOf(next);
    } catch (SQLException e) {
      throw new StorageException("cannot read " + FILE + ": " + e.getMessage(), e);
    }
  }

  private static String key(String function, String qualifier) {
    return function + "\u0000" + qualifier;
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
