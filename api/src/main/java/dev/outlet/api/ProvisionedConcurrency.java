package dev.outlet.api;

import dev.outlet.api.model.ProvisionedConcurrencyConfig;
import dev.outlet.core.Account;
import dev.outlet.core.DocumentStore;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.ProvisionProgress;
import dev.outlet.sandbox.SandboxSpec;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  /** The name of its document store. */
  public static final String STORE = "provisioned-concurrency";

  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** A stored configuration. */
  record Config(String function, String qualifier, int requested, String lastModified) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final DocumentStore table;
  private final FunctionRegistry registry;
  private final InstantSource clock;
  private final int accountLimit;
  private volatile Provisioner provisioner = Provisioner.NONE;
  private volatile ProvisionedShares spread = ProvisionedShares.ALONE;

  /**
   * What this node last handed the provisioner, per function with any; guarded by {@link #lock}.
   */
  private final Map<String, Map<SandboxSpec, Integer>> handed = new HashMap<>();

  private ProvisionedConcurrency(
      DocumentStore table, FunctionRegistry registry, InstantSource clock, int accountLimit) {
    this.table = table;
    this.registry = registry;
    this.clock = clock;
    this.accountLimit = accountLimit;
  }

  /**
   * Opens the store and follows the registry: a deleted function, version or alias loses its
   * configuration; a moved alias moves its sandboxes.
   */
  public static ProvisionedConcurrency open(
      DocumentStore table, FunctionRegistry registry, InstantSource clock, int accountLimit) {
    ProvisionedConcurrency p = new ProvisionedConcurrency(table, registry, clock, accountLimit);
    registry.onRemoved(p::removed);
    registry.onLineageChanged(p::reconcile);
    return p;
  }

  /** From now on configurations are acted on by {@code p}; every function is reconciled. */
  public void use(Provisioner p) {
    provisioner = p;
    reconcileAll();
  }

  /**
   * In a cluster: from now on this node keeps its share of each configuration; call {@link
   * #reconcileAll} whenever the nodes or the configurations may have changed (every beat).
   */
  public void share(ProvisionedShares s) {
    spread = s;
    reconcileAll();
  }

  /**
   * Reconciles every function with a configuration (a function deleted elsewhere included), handing
   * the provisioner only what changed: a configuration whose init fails is not started again at
   * every beat.
   */
  public void reconcileAll() {
    java.util.Set<String> functions = new java.util.HashSet<>(table.everything().keySet());
    lock.lock();
    try {
      functions.addAll(handed.keySet());
    } finally {
      lock.unlock();
    }
    functions.forEach(f -> reconcile(f, false));
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
      table.put(c.function(), c.qualifier(), requested + " " + c.lastModified());
      reconcile(target.name());
      return c;
    } finally {
      lock.unlock();
    }
  }

  Config get(String function, String qualifier) {
    Config c = table.get(function, qualifier).map(d -> config(function, qualifier, d)).orElse(null);
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
      table.delete(function, qualifier);
      reconcile(function);
    } finally {
      lock.unlock();
    }
  }

  /** A function's configurations, by qualifier. */
  List<Config> list(String function) {
    List<Config> out = new ArrayList<>();
    table.all(function).forEach((q, d) -> out.add(config(function, q, d)));
    return out;
  }

  /** A configuration with its progress, as the API answers it. */
  ProvisionedConcurrencyConfig view(Config c, Account account, boolean withArn) {
    int allocated = 0;
    String failure = null;
    for (Map.Entry<SandboxSpec, Integer> e : shares(c).entrySet()) {
      ProvisionProgress p = provisioner.progress(e.getKey().key());
      int ready = p.ready() + spread.elsewhere(c.function(), e.getKey().version());
      allocated += Math.min(ready, e.getValue());
      failure = failure != null ? failure : p.failure();
    }
    String status =
        failure != null ? "FAILED" : allocated >= c.requested() ? "READY" : "IN_PROGRESS";
    return new ProvisionedConcurrencyConfig(
        withArn ? account.functionArn(c.function()) + ":" + c.qualifier() : null,
        c.requested(),
        allocated,
        allocated,
        status,
        failure,
        c.lastModified());
  }

  /**
   * The environments a configuration wants, by the version they run: all of them for a version or
   * an alias of one version; for an alias routing a share to a second version, split between its
   * two versions by that share (as Lambda splits them), the primary taking what rounding leaves.
   */
  Map<SandboxSpec, Integer> shares(Config c) {
    Map<SandboxSpec, Integer> out = new HashMap<>();
    Optional<dev.outlet.core.AliasRecord> alias =
        Lineage.number(c.qualifier()) == null
            ? registry.lineage(c.function()).alias(c.qualifier())
            : Optional.empty();
    if (alias.isEmpty() || alias.get().weights().isEmpty()) {
      registry
          .invocableWithoutRouting(c.function(), c.qualifier())
          .ifPresent(d -> out.put(d.spec(), c.requested()));
      return out;
    }
    Map.Entry<String, Double> second = alias.get().weights().entrySet().iterator().next();
    int toSecond = (int) Math.round(c.requested() * second.getValue());
    int toPrimary = c.requested() - toSecond;
    if (toPrimary > 0) {
      registry
          .version(c.function(), alias.get().version())
          .ifPresent(d -> out.merge(d.spec(), toPrimary, Integer::sum));
    }
    if (toSecond > 0) {
      registry
          .version(c.function(), second.getKey())
          .ifPresent(d -> out.merge(d.spec(), toSecond, Integer::sum));
    }
    return out;
  }

  /** Recomputes what {@code function} wants provisioned and hands it over (a change asks it). */
  void reconcile(String function) {
    reconcile(function, true);
  }

  /** As {@link #reconcile(String)}; unless {@code always}, only when the wish changed. */
  private void reconcile(String function, boolean always) {
    lock.lock();
    try {
      Map<SandboxSpec, Integer> wanted = new HashMap<>();
      for (Config c : list(function)) {
        shares(c).forEach((spec, n) -> wanted.merge(spec, n, Integer::sum));
      }
      ProvisionedShares s = spread;
      wanted.replaceAll((spec, n) -> s.here(function, spec.version(), n));
      wanted.values().removeIf(n -> n <= 0);
      if (!always && wanted.equals(handed.getOrDefault(function, Map.of()))) {
        return;
      }
      if (wanted.isEmpty()) {
        handed.remove(function);
      } else {
        handed.put(function, Map.copyOf(wanted));
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
        table.deleteOwner(deleted);
        handed.remove(deleted);
        provisioner.provision(deleted, Map.of());
      } else {
        delete(deleted.substring(0, colon), deleted.substring(colon + 1));
      }
    } finally {
      lock.unlock();
    }
  }

  /** A stored document: "requested lastModified". */
  private static Config config(String function, String qualifier, String document) {
    int space = document.indexOf(' ');
    return new Config(
        function,
        qualifier,
        Integer.parseInt(document.substring(0, space)),
        document.substring(space + 1));
  }

  @Override
  public void close() {
    table.close();
  }
}
