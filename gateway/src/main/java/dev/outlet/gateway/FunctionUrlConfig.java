package dev.outlet.gateway;

import static dev.outlet.gateway.HttpApi.or;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A Function URL config as Lambda (2021-10-31) returns it, with AWS's PascalCase members. {@link
 * dev.outlet.core.DefinitionStore} keeps it with its {@code UrlId} (the host's first label) and
 * without {@code FunctionUrl}; {@link #rendered} turns one into the other. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
record FunctionUrlConfig(
    String functionUrl,
    String urlId,
    String functionArn,
    String authType,
    Cors cors,
    String invokeMode,
    String creationTime,
    String lastModifiedTime) {

  /** A Function URL's CORS configuration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Cors(
      Boolean allowCredentials,
      List<String> allowHeaders,
      List<String> allowMethods,
      List<String> allowOrigins,
      List<String> exposeHeaders,
      Integer maxAge) {

    /** The data plane's rules. */
    CorsRules rules() {
      return new CorsRules(
          Boolean.TRUE.equals(allowCredentials),
          strings(allowHeaders),
          strings(allowMethods),
          strings(allowOrigins),
          strings(exposeHeaders),
          maxAge);
    }

    private static List<String> strings(List<String> n) {
      return n == null ? List.of() : List.copyOf(n);
    }
  }

  /** CreateFunctionUrlConfig's and UpdateFunctionUrlConfig's body. */
  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  record Request(String authType, Cors cors, String invokeMode) {}

  /** This config with an update's members (already validated) and its modification time. */
  FunctionUrlConfig merge(Request in, String now) {
    return new FunctionUrlConfig(
        null,
        urlId,
        functionArn,
        or(in.authType, authType),
        or(in.cors, cors),
        or(in.invokeMode, invokeMode),
        creationTime,
        now);
  }

  /** This config as returned: its URL in front, no {@code UrlId}. */
  FunctionUrlConfig rendered(String url, boolean withLastModified) {
    return new FunctionUrlConfig(
        url,
        null,
        functionArn,
        authType,
        cors,
        invokeMode,
        creationTime,
        withLastModified ? lastModifiedTime : null);
  }
}
