package dev.outlet.api;

import dev.outlet.api.FunctionView.Detail;
import dev.outlet.api.model.Concurrency;
import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.FunctionConfiguration;
import dev.outlet.api.model.GetAccountSettingsResponse;
import dev.outlet.api.model.ListFunctionsResponse;
import dev.outlet.api.model.PutFunctionConcurrencyRequest;
import dev.outlet.api.model.UpdateFunctionCodeRequest;
import dev.outlet.api.model.UpdateFunctionConfigurationRequest;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The control-plane operations: each binds its request record, runs, and returns the status and the
 * response record to send. Blocking (storage): runs on virtual threads.
 */
final class ControlPlane {
  /** A reply: status and body (a response record, or null for an empty body). */
  record Reply(int status, Object body) {}

  private static final int PAGE = 50;
  private final FunctionService service;
  private final FunctionRegistry registry;
  private final int accountLimit;

  private final CodeLinks links;

  ControlPlane(
      FunctionService service, FunctionRegistry registry, int accountLimit, CodeLinks links) {
    this.links = links;
    this.service = service;
    this.registry = registry;
    this.accountLimit = accountLimit;
  }

  Reply handle(ApiRoute route, Request req) {
    Account acct = req.account();
    return switch (route.operation()) {
      case CREATE_FUNCTION ->
          new Reply(
              201,
              FunctionView.configuration(
                  service.create(req.input(CreateFunctionRequest.class)), acct, Detail.FULL));
      case LIST_FUNCTIONS -> new Reply(200, list(req));
      case GET_FUNCTION -> new Reply(200, FunctionView.function(resolve(route, req), acct, links));
      case GET_CONFIGURATION ->
          new Reply(200, FunctionView.configuration(resolve(route, req), acct, Detail.FULL));
      case UPDATE_CONFIGURATION -> {
        String name = resolve(route, req).record().name();
        Deployed d =
            service.updateConfiguration(name, req.input(UpdateFunctionConfigurationRequest.class));
        yield new Reply(200, FunctionView.configuration(d, acct, Detail.UPDATING));
      }
      case UPDATE_CODE -> {
        String name = resolve(route, req).record().name();
        Deployed d = service.updateCode(name, req.input(UpdateFunctionCodeRequest.class));
        yield new Reply(200, FunctionView.configuration(d, acct, Detail.UPDATING));
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
        int reserved =
            RequestValidator.reservedConcurrency(
                req.input(PutFunctionConcurrencyRequest.class).reservedConcurrentExecutions());
        yield new Reply(200, new Concurrency(service.putConcurrency(name, reserved)));
      }
      case GET_CONCURRENCY -> {
        var reserved = resolve(route, req).record().reserved();
        yield new Reply(200, new Concurrency(reserved.isPresent() ? reserved.getAsInt() : null));
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

  private ListFunctionsResponse list(Request req) {
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
    List<FunctionConfiguration> items = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (Deployed d : registry.all()) {
      String name = d.record().name();
      if (marker != null && name.compareTo(marker) <= 0) {
        continue;
      }
      if (items.size() == max) {
        more = true;
        break;
      }
      items.add(FunctionView.configuration(d, req.account(), Detail.LISTED));
      last = name;
    }
    return new ListFunctionsResponse(items, more ? last : null);
  }

  private GetAccountSettingsResponse accountSettings() {
    long codeSize = 0;
    int reserved = 0;
    for (Deployed d : registry.all()) {
      codeSize += d.record().code().size();
      reserved += Math.max(0, d.record().reservedConcurrency());
    }
    return new GetAccountSettingsResponse(
        new GetAccountSettingsResponse.AccountLimit(
            Limits.TOTAL_CODE_SIZE,
            Limits.UNZIPPED_CODE,
            Limits.ZIPPED_CODE,
            accountLimit,
            accountLimit - reserved),
        new GetAccountSettingsResponse.AccountUsage(codeSize, registry.size()));
  }

  /** What a control-plane operation reads of its HTTP request. */
  record Request(Account account, byte[] body, UnaryOperator<String> queries) {
    /** The body bound to the operation's request record ({@link WireJson}'s errors). */
    <T> T input(Class<T> type) {
      return WireJson.read(body, type);
    }

    String query(String name) {
      return queries.apply(name);
    }
  }
}
