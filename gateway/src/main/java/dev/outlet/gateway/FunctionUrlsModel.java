package dev.outlet.gateway;

import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.Account;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Function URL configs (Lambda 2021-10-31): one per function (Outlet has one version, {@code
 * $LATEST}, so no aliases). Configs are {@link FunctionUrlConfig} records, stored as AWS's members
 * (PascalCase) plus the URL id; requests are validated by {@link FunctionUrlRules}.
 *
 * <p>Contract: one lock; validate, write to the store, apply in memory, publish to {@link Catalog}.
 * Deleting a function deletes its URL config ({@link #functionDeleted}, called by the registry's
 * removal hook); configs whose function vanished while Outlet was down are removed at load.
 * Blocking: virtual threads only.
 */
final class FunctionUrlsModel {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, FunctionUrlConfig> byFunction = new HashMap<>();
  private final GatewayStore store;
  private final Catalog catalog;
  private final FunctionRegistry registry;

  FunctionUrlsModel(GatewayStore store, Catalog catalog, FunctionRegistry registry) {
    this.store = store;
    this.catalog = catalog;
    this.registry = registry;
  }

  int load(List<GatewayStore.Doc> docs) {
    lock.lock();
    try {
      List<GatewayStore.Change> stale = new ArrayList<>();
      for (GatewayStore.Doc d : docs) {
        if (!d.kind().equals("url")) {
          continue;
        }
        if (registry.find(d.parent()).isEmpty()) {
          stale.add(GatewayStore.Change.delete("url", d.parent(), d.id()));
          continue;
        }
        FunctionUrlConfig doc = ApisModel.read(d.json(), FunctionUrlConfig.class);
        byFunction.put(d.parent(), doc);
        publish(d.parent(), doc);
      }
      if (!stale.isEmpty()) {
        store.write(stale);
      }
      return byFunction.size();
    } finally {
      lock.unlock();
    }
  }

  FunctionUrlConfig create(
      String raw, String qualifier, FunctionUrlConfig.Request in, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, qualifier, account);
      String arn = account.functionArn(name);
      if (byFunction.containsKey(name)) {
        throw LambdaException.conflict(
            "Failed to create function url config for [functionArn = "
                + arn
                + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
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
      return save(name, doc);
    } finally {
      lock.unlock();
    }
  }

  /** Stores {@code doc} (one transaction), then applies and publishes it; under the lock. */
  private FunctionUrlConfig save(String name, FunctionUrlConfig doc) {
    store.write(List.of(GatewayStore.Change.put("url", name, "", ApisModel.write(doc))));
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
      FunctionUrlConfig doc = byFunction.get(resolve(raw, null, account));
      return doc == null ? List.of() : List.of(doc);
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
      store.write(List.of(GatewayStore.Change.delete("url", name, "")));
      byFunction.remove(name);
      catalog.withdrawUrl(doc.urlId());
    } finally {
      lock.unlock();
    }
  }

  /** The function was deleted: its URL goes with it. */
  void functionDeleted(String name) {
    lock.lock();
    try {
      FunctionUrlConfig doc = byFunction.get(name);
      if (doc != null) {
        store.write(List.of(GatewayStore.Change.delete("url", name, "")));
        byFunction.remove(name);
        catalog.withdrawUrl(doc.urlId());
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
            doc.cors() == null ? null : doc.cors().rules()));
  }

  private FunctionUrlConfig existing(String name) {
    FunctionUrlConfig doc = byFunction.get(name);
    if (doc == null) {
      throw LambdaException.notFound("The resource you requested does not exist.");
    }
    return doc;
  }

  private String resolve(String raw, String qualifier, Account account) {
    FunctionRef ref = FunctionRef.parse(raw);
    String q = ref.qualifier() != null ? ref.qualifier() : qualifier;
    String arn = account.functionArn(ref.name());
    if (registry.find(ref.name()).isEmpty()) {
      throw LambdaException.notFound("Function not found: " + arn + (q == null ? "" : ":" + q));
    }
    if (q != null && !q.equals("$LATEST")) {
      throw LambdaException.notFound("Function not found: " + arn + ":" + q);
    }
    return ref.name();
  }

  private static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
  }
}
