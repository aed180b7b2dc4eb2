package dev.outlet.api;

import dev.outlet.edge.Percent;

/**
 * Which Lambda operation a method and path name (lambda-contract.md §2.4). Pure; {@code function}
 * is the URL-decoded {FunctionName} path segment, or null.
 */
public record ApiRoute(Operation operation, String function) {

  /** The operations Outlet serves. */
  public enum Operation {
    CREATE_FUNCTION,
    LIST_FUNCTIONS,
    GET_FUNCTION,
    DELETE_FUNCTION,
    GET_CONFIGURATION,
    UPDATE_CONFIGURATION,
    UPDATE_CODE,
    INVOKE,
    /** The deprecated InvokeAsync: an Event invocation answering {@code {"Status":202}}. */
    INVOKE_ASYNC,
    /** InvokeWithResponseStream: the answer streamed in event stream frames. */
    INVOKE_WITH_RESPONSE_STREAM,
    PUT_CONCURRENCY,
    GET_CONCURRENCY,
    DELETE_CONCURRENCY,
    GET_ACCOUNT_SETTINGS,
    GET_CODE,
    UNKNOWN
  }

  private static final ApiRoute UNKNOWN = new ApiRoute(Operation.UNKNOWN, null);
  private static final String STREAMING = "/2021-11-15/functions/";
  private static final String STREAMING_TAIL = "/response-streaming-invocations";

  public static ApiRoute of(String method, String path) {
    if (path.startsWith("/2015-03-31/functions")) {
      return functions(method, path.substring("/2015-03-31/functions".length()));
    }
    if (path.startsWith("/2017-10-31/functions/") && path.endsWith("/concurrency")) {
      String fn = segment(path, "/2017-10-31/functions/".length(), "/concurrency");
      return switch (method) {
        case "PUT" -> new ApiRoute(Operation.PUT_CONCURRENCY, fn);
        case "DELETE" -> new ApiRoute(Operation.DELETE_CONCURRENCY, fn);
        default -> UNKNOWN;
      };
    }
    if (path.startsWith("/2019-09-30/functions/") && path.endsWith("/concurrency")) {
      String fn = segment(path, "/2019-09-30/functions/".length(), "/concurrency");
      return method.equals("GET") ? new ApiRoute(Operation.GET_CONCURRENCY, fn) : UNKNOWN;
    }
    if (path.equals("/2016-08-19/account-settings")
        || path.equals("/2016-08-19/account-settings/")) {
      return method.equals("GET") ? new ApiRoute(Operation.GET_ACCOUNT_SETTINGS, null) : UNKNOWN;
    }
    if (path.startsWith("/2014-11-13/functions/")
        && (path.endsWith("/invoke-async") || path.endsWith("/invoke-async/"))) {
      String fn =
          segment(
              path,
              "/2014-11-13/functions/".length(),
              path.endsWith("/") ? "/invoke-async/" : "/invoke-async");
      return method.equals("POST") ? new ApiRoute(Operation.INVOKE_ASYNC, fn) : UNKNOWN;
    }
    if (path.startsWith(STREAMING) && path.endsWith(STREAMING_TAIL)) {
      String fn = segment(path, STREAMING.length(), STREAMING_TAIL);
      return method.equals("POST") && !fn.isEmpty() && fn.indexOf('/') < 0
          ? new ApiRoute(Operation.INVOKE_WITH_RESPONSE_STREAM, fn)
          : UNKNOWN;
    }
    if (path.startsWith("/_outlet/code/") && method.equals("GET")) {
      return new ApiRoute(Operation.GET_CODE, path.substring("/_outlet/code/".length()));
    }
    return UNKNOWN;
  }

  private static ApiRoute functions(String method, String rest) {
    if (rest.isEmpty() || rest.equals("/")) {
      return switch (method) {
        case "POST" -> new ApiRoute(Operation.CREATE_FUNCTION, null);
        case "GET" -> new ApiRoute(Operation.LIST_FUNCTIONS, null);
        default -> UNKNOWN;
      };
    }
    if (rest.charAt(0) != '/') {
      return UNKNOWN;
    }
    int slash = rest.indexOf('/', 1);
    String fn = decode(slash < 0 ? rest.substring(1) : rest.substring(1, slash));
    String tail = slash < 0 ? "" : rest.substring(slash);
    Operation op =
        switch (tail) {
          case "", "/" ->
              switch (method) {
                case "GET" -> Operation.GET_FUNCTION;
                case "DELETE" -> Operation.DELETE_FUNCTION;
                default -> Operation.UNKNOWN;
              };
          case "/invocations", "/invocations/" ->
              method.equals("POST") ? Operation.INVOKE : Operation.UNKNOWN;
          case "/configuration", "/configuration/" ->
              switch (method) {
                case "GET" -> Operation.GET_CONFIGURATION;
                case "PUT" -> Operation.UPDATE_CONFIGURATION;
                default -> Operation.UNKNOWN;
              };
          case "/code", "/code/" ->
              method.equals("PUT") ? Operation.UPDATE_CODE : Operation.UNKNOWN;
          default -> Operation.UNKNOWN;
        };
    return op == Operation.UNKNOWN ? UNKNOWN : new ApiRoute(op, fn);
  }

  private static String segment(String path, int from, String suffix) {
    return decode(path.substring(from, path.length() - suffix.length()));
  }

  private static String decode(String s) {
    return Percent.decode(s, false);
  }
}
