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

  private final FunctionService service;
  private final FunctionRegistry registry;
  private final int accountLimit;

  private final CodeLinks links;
  private final FunctionTags tags;

  ControlPlane(
      FunctionService service,
      FunctionRegistry registry,
      int accountLimit,
      CodeLinks links,
      FunctionTags tags) {
    this.links = links;
    this.tags = tags;
    this.service = service;
    this.registry = registry;
    this.accountLimit = accountLimit;
  }

  Reply handle(ApiRoute route, Request req) {
    Account acct = req.account();
    return switch (route.operation()) {
      case CREATE_FUNCTION -> {
        CreateFunctionRequest in = req.input(CreateFunctionRequest.class);
        if (in.tags() != null) {
          FunctionTags.check(in.tags()); // before anything is stored
        }
        Deployed d = service.create(in);
        if (in.tags() != null && !in.tags().isEmpty()) {
          tags.tag(d.record().name(), in.tags());
        }
        if (Boolean.TRUE.equals(in.publish())) {
          // AWS's quirk: version 1's configuration under the unqualified ARN
          d = service.versions().publish(d.record().name(), null);
        }
        yield new Reply(201, FunctionView.configuration(d, acct, Detail.CREATING));
      }
      case LIST_FUNCTIONS -> new Reply(200, list(req));
      case GET_FUNCTION -> {
        Qualifiers.Target t = target(route, req);
        yield new Reply(
            200,
            FunctionView.function(t.deployed(), acct, links, t.qualifier(), tags.of(t.name())));
      }
      case GET_CONFIGURATION -> {
        Qualifiers.Target t = target(route, req);
        yield new Reply(
            200, FunctionView.configuration(t.deployed(), acct, Detail.FULL, t.qualifier()));
      }
      case UPDATE_CONFIGURATION -> {
        String name = latest(route, req);
        Deployed d =
            service.updateConfiguration(name, req.input(UpdateFunctionConfigurationRequest.class));
        yield new Reply(200, FunctionView.configuration(d, acct, Detail.UPDATING));
      }
      case UPDATE_CODE -> {
        String name = latest(route, req);
        UpdateFunctionCodeRequest in = req.input(UpdateFunctionCodeRequest.class);
        Deployed d = service.updateCode(name, in);
        if (Boolean.TRUE.equals(in.publish())) {
          d = service.versions().publish(name, null);
          yield new Reply(
              200, FunctionView.configuration(d, acct, Detail.UPDATING, d.spec().version()));
        }
        yield new Reply(200, FunctionView.configuration(d, acct, Detail.UPDATING));
      }
      case DELETE_FUNCTION -> {
        String q = req.query("Qualifier");
        if ("$LATEST".equals(q)) {
          throw LambdaException.invalidParameter(
              "$LATEST version cannot be deleted without deleting the function.");
        }
        Qualifiers.Target t = target(route, req);
        if (t.alias() != null) {
          throw LambdaException.invalidParameter(
              "Deletion of aliases is not supported through DeleteFunction. Use DeleteAlias.");
        }
        if (t.qualifier() == null) {
          service.delete(t.name());
        } else {
          service.versions().deleteVersion(t.name(), t.qualifier());
        }
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
    return target(route, req).deployed();
  }

  private Qualifiers.Target target(ApiRoute route, Request req) {
    return Qualifiers.target(
        route.function(), req.query("Qualifier"), req.account(), registry, false);
  }

  /** The function an update names: unqualified or {@code $LATEST} (versions are immutable). */
  private String latest(ApiRoute route, Request req) {
    Qualifiers.Target t = target(route, req);
    if (t.qualifier() != null && !t.qualifier().equals("$LATEST")) {
      throw Qualifiers.functionsOnly();
    }
    return t.name();
  }

  private String unqualified(ApiRoute route, Request req) {
    return Qualifiers.unqualified(route.function(), req.account(), registry);
  }

  private ListFunctionsResponse list(Request req) {
    String version = req.query("FunctionVersion");
    if (version != null && !version.equals("ALL")) {
      throw LambdaException.validation(
          version, "functionVersion", "Member must satisfy enum value set: [ALL]");
    }
    boolean all = version != null;
    List<Deployed> listed = new ArrayList<>();
    for (Deployed d : registry.all()) {
      listed.add(d);
      if (all) {
        listed.addAll(registry.lineage(d.record().name()).versions().values());
      }
    }
    Paging.Page<FunctionConfiguration> page =
        Paging.page(
            listed,
            req.query("Marker"),
            req.query("MaxItems"),
            d -> d.record().name() + ":" + d.spec().version(),
            d ->
                FunctionView.configuration(
                    d, req.account(), Detail.LISTED, all ? d.spec().version() : null));
    return new ListFunctionsResponse(page.items(), page.nextMarker());
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
