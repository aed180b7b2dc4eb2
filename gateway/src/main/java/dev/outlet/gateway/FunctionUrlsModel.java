package dev.outlet.gateway;

import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.Account;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Function URL configs (Lambda 2021-10-31): one for a function and one for each of its aliases,
 * keyed "name" or "name:alias". Configs are {@link FunctionUrlConfig} records, stored as AWS's
 * members (PascalCase) plus the URL id; requests are validated by {@link FunctionUrlRules}.
 *
 * <p>Contract: one lock; validate, write to the store, apply in memory, publish to {@link Catalog}.
 * Deleting a function deletes its URL configs, deleting an alias its alias's ({@link
 * #functionDeleted}, called by the registry's removal hook); configs whose function or alias
 * vanished while Outlet was down are removed at load. Blocking: virtual threads only.
 */
final class FunctionUrlsModel {
  private static final java.util.regex.Pattern ALIAS =
      java.util.regex.Pattern.compile("((?!^\\d+$)^[0-9a-zA-Z-_]+$)");
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, FunctionUrlConfig> byFunction = new HashMap<>();
  private final DefinitionStore store;
  private final Catalog catalog;
  private final FunctionRegistry registry;

  FunctionUrlsModel(DefinitionStore store, Catalog catalog, FunctionRegistry registry) {
    this.store = store;
    this.catalog = catalog;
    this.registry = registry;
  }

  /**
   * Loads the stored configs at start and publishes them; on one machine, a config whose function
   * or alias vanished while Outlet was down is deleted (in a cluster, the node that deletes a
   * function deletes its URL). Returns how many there are.
   */
  int load(List<DefinitionStore.Doc> docs) {
    lock.lock();
    try {
      List<DefinitionStore.Change> stale = new ArrayList<>();
      List<DefinitionStore.Doc> kept = new ArrayList<>();
      for (DefinitionStore.Doc d : docs) {
        if (d.kind().equals("url") && !store.shared() && !exists(d.parent())) {
          stale.add(DefinitionStore.Change.delete("url", d.parent(), d.id()));
        } else {
          kept.add(d);
        }
      }
      if (!stale.isEmpty()) {
        store.write(stale);
      }
      replace(kept);
      return byFunction.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Loads the store again after another node's write: every config it holds is published, and one
   * no longer stored is withdrawn. Nothing is deleted here: this node may not know yet a function
   * another node just made.
   */
  void reload() {
    lock.lock();
    try {
      replace(store.loadAll());
    } finally {
      lock.unlock();
    }
  }

  private void replace(List<DefinitionStore.Doc> docs) {
    Map<String, FunctionUrlConfig> next = new HashMap<>();
    for (DefinitionStore.Doc d : docs) {
      if (d.kind().equals("url")) {
        next.put(d.parent(), ApisModel.read(d.json(), FunctionUrlConfig.class));
      }
    }
    for (Map.Entry<String, FunctionUrlConfig> old : byFunction.entrySet()) {
      FunctionUrlConfig now = next.get(old.getKey());
      if (now == null || !now.urlId().equals(old.getValue().urlId())) {
        catalog.withdrawUrl(old.getValue().urlId());
      }
    }
    byFunction.clear();
    byFunction.putAll(next);
    next.forEach(this::publish);
  }

  FunctionUrlConfig create(
      String raw, String qualifier, FunctionUrlConfig.Request in, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, qualifier, account);
      String arn = account.functionArn(name);
      if (byFunction.containsKey(name)) {
        throw alreadyMade(arn);
      }
      String now = now();
      FunctionUrlConfig doc =
          new FunctionUrlConfig(
              null,
              ApiDefinitions.newId(32),
              arn,
              FunctionUrlRules.authType(in.authType(), true),
              FunctionUrlRules.cors(in.cors()),
              FunctionUrlRules.invokeMode(in.invokeMode()),
              now,
              now);
      try {
        store.write(List.of(DefinitionStore.Change.create("url", name, "", ApisModel.write(doc))));
      } catch (DefinitionStore.Exists madeElsewhere) { // by another node, just now
        throw alreadyMade(arn);
      }
      byFunction.put(name, doc);
      publish(name, doc);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  private static LambdaException alreadyMade(String arn) {
    return LambdaException.conflict(
        "Failed to create function url config for [functionArn = "
            + arn
            + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
  }

  /** Stores {@code doc} (one transaction), then applies and publishes it; under the lock. */
  private FunctionUrlConfig save(String name, FunctionUrlConfig doc) {
    store.write(List.of(DefinitionStore.Change.put("url", name, "", ApisModel.write(doc))));
    byFunction.put(name, doc);
    publish(name, doc);
    return doc;
  }

  FunctionUrlConfig get(String raw, String qualifier, Account account) {
    lock.lock();
    try {
      return existing(resolve(raw, qualifier, account));
    } finally {
      lock.unlock();
    }
  }

  List<FunctionUrlConfig> list(String raw, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, null, account);
      List<FunctionUrlConfig> out = new ArrayList<>();
      byFunction.forEach(
          (key, doc) -> {
            if (key.equals(name) || key.startsWith(name + ":")) {
              out.add(doc);
            }
          });
      return out;
    } finally {
      lock.unlock();
    }
  }

  FunctionUrlConfig update(
      String raw, String qualifier, FunctionUrlConfig.Request in, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, qualifier, account);
      FunctionUrlConfig.Request checked =
          new FunctionUrlConfig.Request(
              in.authType() == null ? null : FunctionUrlRules.authType(in.authType(), false),
              FunctionUrlRules.cors(in.cors()),
              in.invokeMode() == null ? null : FunctionUrlRules.invokeMode(in.invokeMode()));
      FunctionUrlConfig doc = existing(name).merge(checked, now());
      return save(name, doc);
    } finally {
      lock.unlock();
    }
  }

  void delete(String raw, String qualifier, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, qualifier, account);
      FunctionUrlConfig doc = existing(name);
      store.write(List.of(DefinitionStore.Change.delete("url", name, "")));
      byFunction.remove(name);
      catalog.withdrawUrl(doc.urlId());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The function ("name": all its URLs) or one of its aliases or versions ("name:qualifier") was
   * deleted: its URLs go with it.
   */
  void functionDeleted(String deleted) {
    lock.lock();
    try {
      for (String key : List.copyOf(byFunction.keySet())) {
        if (key.equals(deleted) || (deleted.indexOf(':') < 0 && key.startsWith(deleted + ":"))) {
          FunctionUrlConfig doc = byFunction.remove(key);
          store.write(List.of(DefinitionStore.Change.delete("url", key, "")));
          catalog.withdrawUrl(doc.urlId());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void publish(String function, FunctionUrlConfig doc) {
    catalog.publish(
        new Catalog.Url(
            doc.urlId(),
            function,
            "AWS_IAM".equals(doc.authType()),
            doc.cors() == null ? null : doc.cors().rules(),
            "RESPONSE_STREAM".equals(doc.invokeMode())));
  }

  private FunctionUrlConfig existing(String name) {
    FunctionUrlConfig doc = byFunction.get(name);
    if (doc == null) {
      throw LambdaException.notFound("The resource you requested does not exist.");
    }
    return doc;
  }

  /**
   * The key of the URL a call names: the function's name, or "name:alias"; a qualifier must be an
   * alias (AWS's pattern refuses versions and {@code $LATEST}) that exists.
   */
  private String resolve(String raw, String qualifier, Account account) {
    FunctionRef ref = FunctionRef.parse(raw);
    String q = ref.qualifier() != null ? ref.qualifier() : qualifier;
    String arn = account.functionArn(ref.name());
    if (q != null && !ALIAS.matcher(q).matches()) {
      throw LambdaException.validation(
          q, "qualifier", "Member must satisfy regular expression pattern: " + ALIAS.pattern());
    }
    if (registry.find(ref.name()).isEmpty()
        || (q != null && registry.lineage(ref.name()).alias(q).isEmpty())) {
      throw LambdaException.notFound("Function not found: " + arn + (q == null ? "" : ":" + q));
    }
    return q == null ? ref.name() : ref.name() + ":" + q;
  }

  private boolean exists(String key) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      return registry.find(key).isPresent();
    }
    return registry.lineage(key.substring(0, colon)).alias(key.substring(colon + 1)).isPresent();
  }

  private static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
  }
}
