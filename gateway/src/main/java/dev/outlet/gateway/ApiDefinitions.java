package dev.outlet.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apigatewayv2 definitions' rules, the one place they are validated: defaults of new APIs,
 * integrations, routes, stages, authorizers and deployments (the members an update may change are
 * each record's {@code merge}), and validation with BadRequestException/ConflictException and
 * apigatewayv2's messages. Pure (over the given state), so {@link ApisModel} validates before it
 * writes anything.
 */
final class ApiDefinitions {
  private static final Pattern FUNCTION =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:lambda:[^:]+:\\d{12}:function:([a-zA-Z0-9-_.]+(?::[a-zA-Z0-9$_-]+)?)");

  private ApiDefinitions() {}

  static Integration integration(Integration in, Integration old) {
    Integration doc = (old == null ? Integration.defaults(newId(7)) : old).merge(in);
    String type = doc.integrationType();
    if (!"AWS_PROXY".equals(type)) {
      throw GatewayException.badRequest(
          "Outlet supports only AWS_PROXY integrations with Lambda functions, got " + type);
    }
    functionOf(doc.integrationUri());
    String pfv = doc.payloadFormatVersion();
    if (!"1.0".equals(pfv) && !"2.0".equals(pfv)) {
      throw GatewayException.badRequest(
          "Invalid payload format version specified, must be one of [1.0, 2.0]");
    }
    int timeout = doc.timeoutInMillis() == null ? 30000 : doc.timeoutInMillis();
    if (timeout < 50 || timeout > 30000) {
      throw GatewayException.badRequest(
          "Timeout must be between 50 and 30000 milliseconds for HTTP APIs");
    }
    return doc;
  }

  static Route route(ApiState d, Route in, Route old) {
    Route doc = (old == null ? Route.defaults(newId(7)) : old).merge(in);
    String key = doc.routeKey();
    if (key == null) {
      throw GatewayException.badRequest("RouteKey is required");
    }
    parseRouteKey(key);
    for (Route r : d.routes.values()) {
      if (key.equals(r.routeKey()) && !r.routeId().equals(doc.routeId())) {
        throw GatewayException.conflict("Route with key " + key + " already exists for this API");
      }
    }
    boolean targetOk =
        switch (doc.to()) {
          case Route.Target.None n -> true;
          case Route.Target.ToIntegration t -> d.integrations.containsKey(t.integrationId());
          case Route.Target.Unknown u -> false;
        };
    if (!targetOk) {
      throw GatewayException.badRequest("Invalid target " + doc.target() + " specified");
    }
    return switch (doc.authorization()) {
      case Route.Authorization.None n -> doc.withoutAuthorizer();
      case Route.Authorization.AwsIam i -> doc.withoutAuthorizer();
      case Route.Authorization.Custom c -> {
        String a = c.authorizerId();
        if (a == null || !d.authorizers.containsKey(a)) {
          throw GatewayException.badRequest(
              "Invalid authorizer identifier specified: " + (a == null ? "none" : a));
        }
        yield doc;
      }
      case Route.Authorization.Jwt j ->
          throw GatewayException.badRequest("Outlet does not support JWT authorizers");
      case Route.Authorization.Unknown u ->
          throw GatewayException.badRequest(
              "AuthorizationType must be one of [NONE, AWS_IAM, CUSTOM, JWT], got " + u.type());
    };
  }

  static Stage stage(ApiState d, Stage in, Stage old) {
    Stage doc;
    if (old == null) {
      String name = in.stageName();
      if (name == null || name.isEmpty() || name.length() > 128) {
        throw GatewayException.badRequest("StageName must be between 1 and 128 characters");
      }
      if (!name.equals("$default") && !name.matches("[a-zA-Z0-9_\\-]+")) {
        throw GatewayException.badRequest(
            "Stage name only allows a-zA-Z0-9_- or $default, got " + name);
      }
      if (d.stages.containsKey(name)) {
        throw GatewayException.conflict("Stage " + name + " already exists");
      }
      doc = Stage.defaults(name, Boolean.TRUE.equals(in.autoDeploy()), now()).merge(in);
    } else {
      doc = old.touched(now(), null).merge(in);
    }
    settings(doc.defaultRouteSettings());
    if (doc.routeSettings() != null) {
      doc.routeSettings()
          .forEach(
              (key, s) -> {
                parseRouteKey(key);
                settings(s);
              });
    }
    String dest = doc.accessLogSettings() == null ? null : doc.accessLogSettings().destinationArn();
    if (dest != null && logGroupOf(dest) == null) {
      throw GatewayException.badRequest(
          "Invalid destination ARN "
              + dest
              + ": expected arn:aws:logs:<region>:<account>:log-group:<name>");
    }
    return doc;
  }

  private static void settings(Stage.RouteSettings s) {
    if (s == null) {
      return;
    }
    if (s.throttlingBurstLimit() != null && s.throttlingBurstLimit() < 0) {
      throw GatewayException.badRequest("ThrottlingBurstLimit must be non-negative");
    }
    if (s.throttlingRateLimit() != null && s.throttlingRateLimit() < 0) {
      throw GatewayException.badRequest("ThrottlingRateLimit must be non-negative");
    }
  }

  static ApiAuthorizer authorizer(ApiAuthorizer in, ApiAuthorizer old) {
    ApiAuthorizer doc = (old == null ? ApiAuthorizer.defaults(newId(6)) : old).merge(in);
    if (!"REQUEST".equals(doc.authorizerType())) {
      throw GatewayException.badRequest(
          "Outlet supports only REQUEST (Lambda) authorizers, got " + doc.authorizerType());
    }
    if (!"2.0".equals(doc.authorizerPayloadFormatVersion())) {
      throw GatewayException.badRequest(
          "Outlet supports AuthorizerPayloadFormatVersion 2.0 only for Lambda authorizers");
    }
    functionOf(doc.authorizerUri());
    int ttl = doc.authorizerResultTtlInSeconds() == null ? 0 : doc.authorizerResultTtlInSeconds();
    if (ttl < 0 || ttl > 3600) {
      throw GatewayException.badRequest("AuthorizerResultTtlInSeconds must be between 0 and 3600");
    }
    if (ttl > 0 && doc.sources().isEmpty()) {
      throw GatewayException.badRequest(
          "Identity sources are required when authorizer caching is enabled");
    }
    for (String v : doc.sources()) {
      if (!v.startsWith("$request.header.")
          && !v.startsWith("$request.querystring.")
          && !v.startsWith("$context.")
          && !v.startsWith("$stageVariables.")) {
        throw GatewayException.badRequest("Invalid identity source " + v);
      }
    }
    if (doc.name() == null) {
      throw GatewayException.badRequest("Name is required");
    }
    return doc;
  }

  /**
   * A deployment record ({@code CreateDeployment}): Outlet serves every stage's current routes at
   * once, so a deployment only records itself (status DEPLOYED) and its stage.
   */
  static Deployment deployment(Deployment.Request in, Deployment old) {
    return (old == null ? Deployment.of(newId(6), now()) : old).merge(in);
  }

  /** A new HTTP API from CreateApi's body (quick create's members are the model's). */
  static HttpApi api(HttpApi.Create in) {
    String protocol = in.protocolType();
    if (!"HTTP".equals(protocol)) {
      throw GatewayException.badRequest(
          "Outlet supports only HTTP APIs: ProtocolType must be HTTP, got " + protocol);
    }
    String name = in.name();
    if (name == null || name.isEmpty() || name.length() > 128) {
      throw GatewayException.badRequest("Name must be between 1 and 128 characters");
    }
    validateCors(in.corsConfiguration());
    return new HttpApi(
        null,
        newId(10),
        "$request.header.x-api-key",
        in.corsConfiguration(),
        now(),
        in.description(),
        Boolean.TRUE.equals(in.disableExecuteApiEndpoint()),
        name,
        "HTTP",
        "$request.method $request.path",
        in.tags(),
        in.version());
  }

  /** {@code current} with UpdateApi's body merged, validated. */
  static HttpApi api(HttpApi current, HttpApi in) {
    HttpApi next = current.merge(in);
    validateCors(next.corsConfiguration());
    return next;
  }

  static void validateCors(HttpApi.Cors cors) {
    if (cors != null && cors.maxAge() != null) {
      int m = cors.maxAge();
      if (m < -1 || m > 86400) {
        throw GatewayException.badRequest("MaxAge must be between -1 and 86400");
      }
    }
  }

  /** The log group named by a CloudWatch Logs ARN, or null. */
  static String logGroupOf(String arn) {
    Matcher m =
        Pattern.compile("arn:aws[a-zA-Z-]*:logs:[^:]*:\\d*:log-group:([^:]+)(:\\*)?").matcher(arn);
    return m.matches() ? m.group(1) : null;
  }

  /**
   * The function an integration or authorizer URI names ("name", or "name:qualifier" for a version
   * or alias), or BadRequestException.
   */
  static String functionOf(String uri) {
    if (uri != null) {
      Matcher m = FUNCTION.matcher(uri);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw GatewayException.badRequest(
        "Invalid integration URI specified: "
            + uri
            + " (Outlet integrates Lambda functions: arn:aws:lambda:<region>:<account>:function:<name>)");
  }

  static void parseRouteKey(String key) {
    try {
      RouteTable.Key.parse(key);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(e.getMessage());
    }
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String newId(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
