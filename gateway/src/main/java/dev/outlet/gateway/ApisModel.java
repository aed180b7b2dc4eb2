package dev.outlet.gateway;

import static dev.outlet.gateway.ApiDefinitions.functionOf;
import static dev.outlet.gateway.ApiDefinitions.newId;
import static dev.outlet.gateway.ApiDefinitions.now;
import static dev.outlet.gateway.ApiDefinitions.parseRouteKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.DefinitionStore;
import dev.outlet.edge.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The apigatewayv2 control plane's state: every HTTP API with its integrations, routes, stages,
 * authorizers and deployments as immutable records ({@link ApiState}, one typed map per kind).
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>This class owns every {@link ApiState}; one lock guards them.
 *   <li>Every change is validated first ({@link ApiDefinitions}), then written to {@link
 *       DefinitionStore} (one transaction, the records as the JSON the API returns), then applied
 *       in memory, then the API is recompiled and published to {@link Catalog}. A change that fails
 *       validation or storage leaves nothing behind.
 *   <li>Blocking (SQLite): called from virtual threads only.
 * </ol>
 */
final class ApisModel {
  /** The one mapper of the JSON protocols, so stored documents are the documents returned. */
  static final ObjectMapper MAPPER = Protocol.Codecs.JSON;

  private static final String API = "api";

  private final ReentrantLock lock = new ReentrantLock();

  private final Map<String, ApiState> apis = new LinkedHashMap<>();
  private final DefinitionStore store;
  private final Catalog catalog;
  private final String accountId;
  private final LongSupplier nanos;

  ApisModel(DefinitionStore store, Catalog catalog, String accountId, LongSupplier nanos) {
    this.store = store;
    this.catalog = catalog;
    this.accountId = accountId;
    this.nanos = nanos;
  }

  /**
   * Replaces every API with what {@code docs} hold (at start, and after another node's write) and
   * publishes them; an API no longer stored is withdrawn. Returns how many there are.
   */
  int load(List<DefinitionStore.Doc> docs) {
    lock.lock();
    try {
      Map<String, ApiState> next = new LinkedHashMap<>();
      for (DefinitionStore.Doc d : docs) {
        if (d.kind().equals(API)) {
          next.put(d.id(), new ApiState(read(d.json(), HttpApi.class)));
        }
      }
      for (DefinitionStore.Doc d : docs) {
        ApiState a = next.get(d.parent());
        if (a != null) {
          for (ChildKind<?, ?> k : ChildKind.ALL) {
            if (k.segment().equals(d.kind())) {
              load(k, a, d);
            }
          }
        }
      }
      for (String gone : apis.keySet()) {
        if (!next.containsKey(gone)) {
          catalog.withdrawApi(gone);
        }
      }
      apis.clear();
      apis.putAll(next);
      apis.keySet().forEach(this::publish);
      return apis.size();
    } finally {
      lock.unlock();
    }
  }

  /** Loads the store again, under the lock, so no write of this node interleaves. */
  void reload() {
    lock.lock();
    try {
      load(store.loadAll());
    } finally {
      lock.unlock();
    }
  }

  private static <T> void load(ChildKind<T, ?> kind, ApiState api, DefinitionStore.Doc d) {
    kind.map().apply(api).put(d.id(), read(d.json(), kind.type()));
  }

  // ---- APIs

  HttpApi createApi(HttpApi.Create in) {
    lock.lock();
    try {
      HttpApi api = ApiDefinitions.api(in);
      String id = api.apiId();
      List<DefinitionStore.Change> changes = new ArrayList<>();
      changes.add(DefinitionStore.Change.put(API, "", id, write(api)));
      ApiState state = new ApiState(api);
      if (in.target() != null) {
        quickCreate(state, in.target(), in.routeKey(), changes);
      }
      store.write(changes);
      apis.put(id, state);
      publish(id);
      return api;
    } finally {
      lock.unlock();
    }
  }

  /** CreateApi's quick create: a managed Lambda integration, route and auto-deployed stage. */
  private static void quickCreate(
      ApiState state, String target, String routeKey, List<DefinitionStore.Change> out) {
    functionOf(target);
    String key = routeKey == null ? "$default" : routeKey;
    parseRouteKey(key);
    String apiId = state.api.apiId();
    String integrationId = newId(7);
    Integration integration =
        new Integration(
            true,
            "INTERNET",
            null,
            integrationId,
            "POST",
            "AWS_PROXY",
            target,
            "2.0",
            null,
            null,
            30000);
    String routeId = newId(7);
    Route route =
        new Route(
            true,
            false,
            null,
            "NONE",
            null,
            null,
            null,
            routeId,
            key,
            Route.targetOf(integrationId));
    Stage stage = Stage.defaults("$default", true, now()).managed();
    state.integrations.put(integrationId, integration);
    state.routes.put(routeId, route);
    state.stages.put("$default", stage);
    out.add(DefinitionStore.Change.put("integrations", apiId, integrationId, write(integration)));
    out.add(DefinitionStore.Change.put("routes", apiId, routeId, write(route)));
    out.add(DefinitionStore.Change.put("stages", apiId, "$default", write(stage)));
  }

  HttpApi getApi(String apiId) {
    lock.lock();
    try {
      return state(apiId).api;
    } finally {
      lock.unlock();
    }
  }

  List<HttpApi> apis() {
    lock.lock();
    try {
      return apis.values().stream().map(a -> a.api).toList();
    } finally {
      lock.unlock();
    }
  }

  HttpApi updateApi(String apiId, HttpApi in) {
    lock.lock();
    try {
      ApiState d = state(apiId);
      HttpApi next = ApiDefinitions.api(d.api, in);
      store.write(List.of(DefinitionStore.Change.put(API, "", apiId, write(next))));
      d.api = next;
      publish(apiId);
      return next;
    } finally {
      lock.unlock();
    }
  }

  void deleteApi(String apiId) {
    lock.lock();
    try {
      ApiState d = state(apiId);
      List<DefinitionStore.Change> changes = new ArrayList<>();
      changes.add(DefinitionStore.Change.delete(API, "", apiId));
      for (ChildKind<?, ?> k : ChildKind.ALL) {
        k.map()
            .apply(d)
            .keySet()
            .forEach(id -> changes.add(DefinitionStore.Change.delete(k.segment(), apiId, id)));
      }
      store.write(changes);
      apis.remove(apiId);
      catalog.withdrawApi(apiId);
    } finally {
      lock.unlock();
    }
  }

  // ---- children

  <T, R> T create(String apiId, ChildKind<T, R> kind, R in) {
    lock.lock();
    try {
      ApiState d = state(apiId);
      T doc = kind.rules().apply(d, in, null);
      String id = kind.id().apply(doc);
      List<DefinitionStore.Change> changes = new ArrayList<>();
      changes.add(DefinitionStore.Change.put(kind.segment(), apiId, id, write(doc)));
      Stage deployed = null;
      if (in instanceof Deployment.Request r && r.stageName() != null) {
        // Every stage serves the current routes; a deployment is recorded on its stage.
        deployed = ChildKind.STAGES.get(d, r.stageName()).touched(now(), id);
        changes.add(
            DefinitionStore.Change.put(
                ChildKind.STAGES.segment(), apiId, deployed.stageName(), write(deployed)));
      }
      store.write(changes);
      kind.map().apply(d).put(id, doc);
      if (deployed != null) {
        d.stages.put(deployed.stageName(), deployed);
      }
      publish(apiId);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  <T> T get(String apiId, ChildKind<T, ?> kind, String id) {
    lock.lock();
    try {
      return kind.get(state(apiId), id);
    } finally {
      lock.unlock();
    }
  }

  <T> List<T> list(String apiId, ChildKind<T, ?> kind) {
    lock.lock();
    try {
      return List.copyOf(kind.map().apply(state(apiId)).values());
    } finally {
      lock.unlock();
    }
  }

  <T, R> T update(String apiId, ChildKind<T, R> kind, String id, R in) {
    lock.lock();
    try {
      ApiState d = state(apiId);
      T doc = kind.rules().apply(d, in, kind.get(d, id));
      store.write(List.of(DefinitionStore.Change.put(kind.segment(), apiId, id, write(doc))));
      kind.map().apply(d).put(id, doc);
      publish(apiId);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  void delete(String apiId, ChildKind<?, ?> kind, String id) {
    lock.lock();
    try {
      ApiState d = state(apiId);
      kind.get(d, id);
      if (kind.usedBy() != null) {
        for (Route r : d.routes.values()) {
          if (kind.usedBy().test(r, id)) {
            throw GatewayException.conflict(
                "Cannot delete "
                    + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + id
                    + ": it is used by route "
                    + r.routeId());
          }
        }
      }
      store.write(List.of(DefinitionStore.Change.delete(kind.segment(), apiId, id)));
      kind.map().apply(d).remove(id);
      publish(apiId);
    } finally {
      lock.unlock();
    }
  }

  private void publish(String apiId) {
    catalog.publish(ApiCompiler.compile(apis.get(apiId), nanos.getAsLong()));
  }

  private ApiState state(String apiId) {
    ApiState d = apis.get(apiId);
    if (d == null) {
      throw GatewayException.notFound(
          "Invalid API identifier specified " + accountId + ":" + apiId);
    }
    return d;
  }

  static String write(Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write gateway document", e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt gateway document", e);
    }
  }
}
