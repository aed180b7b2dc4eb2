package dev.outlet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import java.util.List;

/**
 * The control-plane operations: each takes the parsed request and returns the status and JSON body
 * to send. Blocking (storage): runs on virtual threads.
 */
final class ControlPlane {
  /** A rendered reply: status and body (null for an empty body). */
  record Reply(int status, JsonNode body) {}

  private static final int PAGE = 50;
  private final FunctionService service;
  private final FunctionRegistry registry;
  private final int accountLimit;

  ControlPlane(FunctionService service, FunctionRegistry registry, int accountLimit) {
    this.service = service;
    this.registry = registry;
    this.accountLimit = accountLimit;
  }

  Reply handle(ApiRoute route, Request req) {
    Account acct = req.account();
    return switch (route.operation()) {
      case CREATE_FUNCTION ->
          new Reply(201, FunctionView.configuration(service.create(req.json()), acct, true));
      case LIST_FUNCTIONS -> new Reply(200, list(req));
      case GET_FUNCTION ->
          new Reply(200, FunctionView.function(resolve(route, req), acct, req.baseUrl()));
      case GET_CONFIGURATION ->
          new Reply(200, FunctionView.configuration(resolve(route, req), acct, true));
      case UPDATE_CONFIGURATION -> {
        String name = resolve(route, req).record().name();
        yield new Reply(
            200,
            updating(
                FunctionView.configuration(
                    service.updateConfiguration(name, req.json()), acct, true)));
      }
      case UPDATE_CODE -> {
        String name = resolve(route, req).record().name();
        yield new Reply(
            200,
            updating(FunctionView.configuration(service.updateCode(name, req.json()), acct, true)));
      }
      case DELETE_FUNCTION -> {
        String q = req.query("Qualifier");
        if ("$LATEST".equals(q)) {
          throw LambdaException.invalidParameter(
              "$LATEST version cannot be deleted without deleting the function.");
        }
        service.delete(resolve(route, req).record().name());
        yield new Reply(204, null);
      }
      case PUT_CONCURRENCY -> {
        String name = unqualified(route, req);
        JsonNode v = req.json().get("ReservedConcurrentExecutions");
        if (v == null || !v.canConvertToInt()) {
          throw LambdaException.validation(
              "null", "reservedConcurrentExecutions", "Member must not be null");
        }
        int set = service.putConcurrency(name, v.asInt());
        yield new Reply(200, object().put("ReservedConcurrentExecutions", set));
      }
      case GET_CONCURRENCY -> {
        ObjectNode n = object();
        resolve(route, req)
            .record()
            .reserved()
            .ifPresent(r -> n.put("ReservedConcurrentExecutions", r));
        yield new Reply(200, n);
      }
      case DELETE_CONCURRENCY -> {
        service.deleteConcurrency(unqualified(route, req));
        yield new Reply(204, null);
      }
      case GET_ACCOUNT_SETTINGS -> new Reply(200, accountSettings());
      default -> throw new IllegalArgumentException(route.toString());
    };
  }

  private Deployed resolve(ApiRoute route, Request req) {
    String name =
        Qualifiers.resolve(
            route.function(), req.query("Qualifier"), req.account(), registry, false);
    return service.get(name);
  }

  private String unqualified(ApiRoute route, Request req) {
    if (Qualifiers.qualified(route.function())) {
      throw LambdaException.invalidParameter(
          "This operation is permitted on Lambda functions only. Aliases and versions do not"
              + " support this operation. Please specify either a function name or an unqualified"
              + " function ARN.");
    }
    return resolve(route, req).record().name();
  }

  /** Update responses show the update in progress, as AWS's do (it completes at once here). */
  private static ObjectNode updating(ObjectNode n) {
    n.put("LastUpdateStatus", "InProgress");
    n.put("LastUpdateStatusReason", "The function is being created.");
    n.put("LastUpdateStatusReasonCode", "Creating");
    return n;
  }

  private ObjectNode list(Request req) {
    String version = req.query("FunctionVersion");
    if (version != null && !version.equals("ALL")) {
      throw LambdaException.validation(
          version, "functionVersion", "Member must satisfy enum value set: [ALL]");
    }
    int max = PAGE;
    String maxItems = req.query("MaxItems");
    if (maxItems != null) {
      try {
        max = Math.max(1, Math.min(PAGE, Integer.parseInt(maxItems)));
      } catch (NumberFormatException e) {
        throw LambdaException.validation(maxItems, "maxItems", "Member must be a number");
      }
    }
    String marker = req.query("Marker");
    List<Deployed> all = registry.all();
    ObjectNode n = object();
    ArrayNode items = n.putArray("Functions");
    int count = 0;
    String last = null;
    boolean more = false;
    for (Deployed d : all) {
      String name = d.record().name();
      if (marker != null && name.compareTo(marker) <= 0) {
        continue;
      }
      if (count == max) {
        more = true;
        break;
      }
      items.add(FunctionView.configuration(d, req.account(), false));
      last = name;
      count++;
    }
    if (more) {
      n.put("NextMarker", last);
    }
    return n;
  }

  private ObjectNode accountSettings() {
    ObjectNode n = object();
    long codeSize = 0;
    int reserved = 0;
    for (Deployed d : registry.all()) {
      codeSize += d.record().code().size();
      reserved += Math.max(0, d.record().reservedConcurrency());
    }
    ObjectNode limit = n.putObject("AccountLimit");
    limit.put("TotalCodeSize", Limits.TOTAL_CODE_SIZE);
    limit.put("CodeSizeUnzipped", Limits.UNZIPPED_CODE);
    limit.put("CodeSizeZipped", Limits.ZIPPED_CODE);
    limit.put("ConcurrentExecutions", accountLimit);
    limit.put("UnreservedConcurrentExecutions", accountLimit - reserved);
    ObjectNode usage = n.putObject("AccountUsage");
    usage.put("TotalCodeSize", codeSize);
    usage.put("FunctionCount", registry.size());
    return n;
  }

  private static ObjectNode object() {
    return FunctionRequests.MAPPER.createObjectNode();
  }

  /** What a control-plane operation reads of its HTTP request. */
  record Request(
      Account account,
      byte[] body,
      java.util.function.UnaryOperator<String> queries,
      String baseUrl) {
    JsonNode json() {
      return FunctionRequests.parse(body);
    }

    String query(String name) {
      return queries.apply(name);
    }
  }
}
