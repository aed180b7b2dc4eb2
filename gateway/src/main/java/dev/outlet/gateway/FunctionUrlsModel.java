package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * $LATEST}, so no aliases). Stored documents hold AWS's members (PascalCase) plus the URL id.
 *
 * <p>Contract: one lock; validate, write to the store, apply in memory, publish to {@link Catalog}.
 * Deleting a function deletes its URL config ({@link #functionDeleted}, called by the registry's
 * removal hook); configs whose function vanished while Outlet was down are removed at load.
 * Blocking: virtual threads only.
 */
final class FunctionUrlsModel {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ObjectNode> byFunction = new HashMap<>();
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
        ObjectNode doc = read(d.json());
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

  ObjectNode create(String raw, String qualifier, JsonNode in, Account account) {
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
      ObjectNode doc = ApisModel.MAPPER.createObjectNode();
      String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
      doc.put("UrlId", ApiDefinitions.newId(32));
      doc.put("FunctionArn", arn);
      doc.put("AuthType", authType(in.get("AuthType"), true));
      cors(in, doc);
      doc.put("InvokeMode", invokeMode(in.get("InvokeMode")));
      doc.put("CreationTime", now);
      doc.put("LastModifiedTime", now);
      store.write(List.of(GatewayStore.Change.put("url", name, "", doc.toString())));
      byFunction.put(name, doc);
      publish(name, doc);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  ObjectNode get(String raw, String qualifier, Account account) {
    lock.lock();
    try {
      return existing(resolve(raw, qualifier, account));
    } finally {
      lock.unlock();
    }
  }

  List<ObjectNode> list(String raw, Account account) {
    lock.lock();
    try {
      ObjectNode doc = byFunction.get(resolve(raw, null, account));
      return doc == null ? List.of() : List.of(doc);
    } finally {
      lock.unlock();
    }
  }

  ObjectNode update(String raw, String qualifier, JsonNode in, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, qualifier, account);
      ObjectNode doc = existing(name).deepCopy();
      if (in.has("AuthType")) {
        doc.put("AuthType", authType(in.get("AuthType"), false));
      }
      if (in.has("InvokeMode")) {
        doc.put("InvokeMode", invokeMode(in.get("InvokeMode")));
      }
      if (in.has("Cors")) {
        doc.remove("Cors");
        cors(in, doc);
      }
      doc.put(
          "LastModifiedTime",
          Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
      store.write(List.of(GatewayStore.Change.put("url", name, "", doc.toString())));
      byFunction.put(name, doc);
      publish(name, doc);
      return doc;
    } finally {
      lock.unlock();
    }
  }

  void delete(String raw, String qualifier, Account account) {
    lock.lock();
    try {
      String name = resolve(raw, qualifier, account);
      ObjectNode doc = existing(name);
      store.write(List.of(GatewayStore.Change.delete("url", name, "")));
      byFunction.remove(name);
      catalog.withdrawUrl(doc.get("UrlId").asText());
    } finally {
      lock.unlock();
    }
  }

  /** The function was deleted: its URL goes with it. */
  void functionDeleted(String name) {
    lock.lock();
    try {
      ObjectNode doc = byFunction.get(name);
      if (doc != null) {
        store.write(List.of(GatewayStore.Change.delete("url", name, "")));
        byFunction.remove(name);
        catalog.withdrawUrl(doc.get("UrlId").asText());
      }
    } finally {
      lock.unlock();
    }
  }

  private void publish(String function, ObjectNode doc) {
    catalog.publish(
        new Catalog.Url(
            doc.get("UrlId").asText(),
            function,
            "AWS_IAM".equals(doc.path("AuthType").asText()),
            corsRules(doc.get("Cors"))));
  }

  private ObjectNode existing(String name) {
    ObjectNode doc = byFunction.get(name);
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

  private static String authType(JsonNode v, boolean required) {
    String s = v == null || v.isNull() ? null : v.asText();
    if (s == null && required) {
      throw LambdaException.validation(
          "null", "authType", "Member must satisfy enum value set: [NONE, AWS_IAM]");
    }
    if (!"NONE".equals(s) && !"AWS_IAM".equals(s)) {
      throw LambdaException.validation(
          s, "authType", "Member must satisfy enum value set: [NONE, AWS_IAM]");
    }
    return s;
  }

  private static String invokeMode(JsonNode v) {
    String s = v == null || v.isNull() ? "BUFFERED" : v.asText();
    if (s.equals("RESPONSE_STREAM")) {
      throw LambdaException.invalidParameter(
          "Outlet supports InvokeMode BUFFERED only; RESPONSE_STREAM is not available.");
    }
    if (!s.equals("BUFFERED")) {
      throw LambdaException.validation(
          s, "invokeMode", "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
    }
    return s;
  }

  private static void cors(JsonNode in, ObjectNode doc) {
    JsonNode c = in.get("Cors");
    if (c == null || c.isNull()) {
      return;
    }
    if (!c.isObject()) {
      throw LambdaException.invalidParameter("Cors must be an object");
    }
    int maxAge = c.path("MaxAge").asInt(0);
    if (maxAge < 0 || maxAge > 86400) {
      throw LambdaException.validation(
          Integer.toString(maxAge),
          "cors.maxAge",
          "Member must have value less than or equal to 86400");
    }
    if (c.path("AllowMethods").size() > 6) {
      throw LambdaException.validation(
          c.get("AllowMethods").toString(),
          "cors.allowMethods",
          "Member must have length less than or equal to 6");
    }
    doc.set("Cors", c.deepCopy());
  }

  static CorsRules corsRules(JsonNode c) {
    if (c == null || !c.isObject()) {
      return null;
    }
    return new CorsRules(
        c.path("AllowCredentials").asBoolean(false),
        strings(c.get("AllowHeaders")),
        strings(c.get("AllowMethods")),
        strings(c.get("AllowOrigins")),
        strings(c.get("ExposeHeaders")),
        c.has("MaxAge") ? c.get("MaxAge").asInt() : null);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null) {
      n.forEach(v -> out.add(v.asText()));
    }
    return List.copyOf(out);
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) ApisModel.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("corrupt function url document", e);
    }
  }
}
