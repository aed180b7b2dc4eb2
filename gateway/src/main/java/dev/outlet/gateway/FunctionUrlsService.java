package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.outlet.api.LambdaErrors;
import dev.outlet.core.Account;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Access;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RestRoutes;
import dev.outlet.edge.RestRoutes.Route;
import dev.outlet.edge.Service;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Lambda's Function URL operations on the AWS edge: {@code POST|GET|PUT|DELETE
 * /2021-10-31/functions/{FunctionName}/url} and {@code GET .../urls}, with Lambda's error shapes
 * ({@link LambdaErrors}); a method the path does not serve is a {@code MethodNotAllowedException}.
 */
final class FunctionUrlsService {
  private static final String PREFIX = "/2021-10-31/functions/";
  private static final String URL = PREFIX + "{FunctionName}/url";
  private static final RestRoutes ROUTES =
      RestRoutes.of(
          List.of(PREFIX),
          new Route("POST", URL, "CreateFunctionUrlConfig"),
          new Route("GET", URL, "GetFunctionUrlConfig"),
          new Route("PUT", URL, "UpdateFunctionUrlConfig"),
          new Route("DELETE", URL, "DeleteFunctionUrlConfig"),
          new Route("GET", URL + "s", "ListFunctionUrlConfigs"));

  private FunctionUrlsService() {}

  static Service create(FunctionUrlsModel model, Account account, UnaryOperator<String> urlOf) {
    Map<String, dev.outlet.edge.Operation> ops =
        Map.of(
            "CreateFunctionUrlConfig",
            call -> {
              FunctionUrlConfig out =
                  model.create(fn(call), call.query("Qualifier"), input(call), in(account, call));
              return Protocol.RestJson.reply(201, render(out, urlOf, false));
            },
            "GetFunctionUrlConfig",
            call ->
                render(
                    model.get(fn(call), call.query("Qualifier"), in(account, call)), urlOf, true),
            "UpdateFunctionUrlConfig",
            call ->
                render(
                    model.update(fn(call), call.query("Qualifier"), input(call), in(account, call)),
                    urlOf,
                    true),
            "DeleteFunctionUrlConfig",
            call -> {
              model.delete(fn(call), call.query("Qualifier"), in(account, call));
              return Protocol.RestJson.reply(204, null);
            },
            "ListFunctionUrlConfigs",
            call ->
                new Configs(
                    model.list(fn(call), in(account, call)).stream()
                        .map(d -> render(d, urlOf, true))
                        .toList()));
    return new Service(
        "Lambda Function URLs",
        new Protocol.RestJson(),
        head -> accepts(head.path()) ? ROUTES.claim(head) : null,
        ops,
        1 << 20,
        ERRORS,
        call ->
            List.of(
                new Access(
                    "lambda:" + call.operation(),
                    FunctionRef.resourceArn(
                        fn(call), call.query("Qualifier"), in(account, call)))));
  }

  /** Whether the path is a Function URL operation's. */
  static boolean accepts(String path) {
    return path.startsWith(PREFIX) && (path.endsWith("/url") || path.endsWith("/urls"));
  }

  private static String fn(Call call) {
    return call.label("FunctionName");
  }

  private static Account in(Account account, Call call) {
    return account.inRegion(call.identity().regionOr(null));
  }

  /** ListFunctionUrlConfigs' answer. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Configs(List<FunctionUrlConfig> functionUrlConfigs) {}

  /**
   * The body bound by the edge's JSON mapper; Lambda's wording for a body that is not JSON and for
   * a {@code Cors} that is not an object, the edge's for other members of the wrong type.
   */
  private static FunctionUrlConfig.Request input(Call call) {
    if (call.body().length > 0) {
      JsonNode in;
      try {
        in = ApisModel.MAPPER.readTree(call.body());
      } catch (IOException e) {
        throw new LambdaException(
            ErrorCode.INVALID_REQUEST_CONTENT, "Could not parse request body into json");
      }
      JsonNode cors = in == null ? null : in.get("Cors");
      if (cors != null && !cors.isNull() && !cors.isObject()) {
        throw LambdaException.invalidParameter("Cors must be an object");
      }
      if (in == null || !in.isObject()) {
        return new FunctionUrlConfig.Request(null, null, null);
      }
    }
    return call.input(FunctionUrlConfig.Request.class);
  }

  private static FunctionUrlConfig render(
      FunctionUrlConfig doc, UnaryOperator<String> urlOf, boolean withLastModified) {
    return doc.rendered(urlOf.apply(doc.urlId()), withLastModified);
  }

  private static final Service.Errors ERRORS =
      new Service.Errors() {
        @Override
        public AwsException accessDenied(String message) {
          return LambdaErrors.INSTANCE.accessDenied(message);
        }

        @Override
        public AwsException unknownOperation(String name) {
          return LambdaErrors.of(
              new LambdaException(ErrorCode.METHOD_NOT_ALLOWED, "Outlet does not serve " + name));
        }

        @Override
        public AwsException tooLarge(String operation, long limit) {
          return LambdaErrors.of(LambdaException.tooLarge("Request too large"));
        }

        @Override
        public AwsException malformed(String message) {
          return LambdaErrors.INSTANCE.malformed(message);
        }

        @Override
        public AwsException internal(String requestId) {
          return LambdaErrors.INSTANCE.internal(requestId);
        }

        @Override
        public AwsException translate(Throwable failure) {
          return LambdaErrors.INSTANCE.translate(failure);
        }
      };
}
