package dev.outlet.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds the events a function receives from the front, with Jackson's streaming generator (no
 * tree): payload format 2.0 (HTTP APIs and Function URLs) and 1.0 (HTTP APIs that ask for it), the
 * field lists of lambda-contract.md §3.1 and §3.3. Pure.
 */
public final class Events {
  private static final JsonFactory JSON = new JsonFactory();

  private Events() {}

  /**
   * What the front knows about the target besides the request.
   *
   * @param routeKey the selected route key ({@code $default} for Function URLs)
   * @param resourcePath the route's path template (payload 1.0 {@code resource})
   * @param stage the stage name ({@code $default} for Function URLs)
   * @param authorizer the {@code requestContext.authorizer} members, written as given (a map of
   *     {@code lambda} or {@code iam} to their context), or null
   */
  public record Context(
      String accountId,
      String apiId,
      String requestId,
      String routeKey,
      String resourcePath,
      String stage,
      Map<String, String> pathParameters,
      Map<String, String> stageVariables,
      Map<String, Object> authorizer) {}

  /** The payload format 2.0 event. */
  public static byte[] v2(FrontRequest r, Context c) {
    return v2(r, c, null, null);
  }

  /**
   * The payload format 2.0 REQUEST authorizer event: the request event plus {@code type}, {@code
   * routeArn} and {@code identitySource}.
   */
  public static byte[] authorizer(
      FrontRequest r, Context c, String routeArn, List<String> identity) {
    return v2(r, c, routeArn, identity);
  }

  private static byte[] v2(FrontRequest r, Context c, String routeArn, List<String> identity) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("version", "2.0");
          if (routeArn != null) {
            g.writeStringField("type", "REQUEST");
            g.writeStringField("routeArn", routeArn);
            g.writeArrayFieldStart("identitySource");
            for (String v : identity) {
              g.writeString(v);
            }
            g.writeEndArray();
          }
          g.writeStringField("routeKey", c.routeKey());
          g.writeStringField("rawPath", r.rawPath());
          g.writeStringField("rawQueryString", r.rawQuery());
          List<String> cookies = r.cookies();
          if (!cookies.isEmpty()) {
            g.writeArrayFieldStart("cookies");
            for (String k : cookies) {
              g.writeString(k);
            }
            g.writeEndArray();
          }
          g.writeObjectFieldStart("headers");
          for (var h : r.joinedHeaders().entrySet()) {
            if (!h.getKey().equals("cookie")) {
              g.writeStringField(h.getKey(), h.getValue());
            }
          }
          g.writeEndObject();
          Map<String, List<String>> query = r.queryParameters();
          if (!query.isEmpty()) {
            g.writeObjectFieldStart("queryStringParameters");
            for (var q : query.entrySet()) {
              g.writeStringField(q.getKey(), String.join(",", q.getValue()));
            }
            g.writeEndObject();
          }
          if (!c.pathParameters().isEmpty()) {
            stringMap(g, "pathParameters", c.pathParameters());
          }
          if (c.stageVariables() != null && !c.stageVariables().isEmpty()) {
            stringMap(g, "stageVariables", c.stageVariables());
          }
          g.writeObjectFieldStart("requestContext");
          g.writeStringField("accountId", c.accountId());
          g.writeStringField("apiId", c.apiId());
          if (c.authorizer() != null) {
            g.writeFieldName("authorizer");
            writeValue(g, c.authorizer());
          }
          g.writeStringField("domainName", r.domainName());
          g.writeStringField("domainPrefix", r.domainPrefix());
          g.writeObjectFieldStart("http");
          g.writeStringField("method", r.method());
          g.writeStringField("path", r.rawPath());
          g.writeStringField("protocol", r.protocol());
          g.writeStringField("sourceIp", r.sourceIp());
          g.writeStringField("userAgent", r.userAgent());
          g.writeEndObject();
          g.writeStringField("requestId", c.requestId());
          g.writeStringField("routeKey", c.routeKey());
          g.writeStringField("stage", c.stage());
          g.writeStringField("time", ClfTime.format(r.timeEpochMillis()));
          g.writeNumberField("timeEpoch", r.timeEpochMillis());
          g.writeEndObject();
          body(g, r);
          g.writeEndObject();
        });
  }

  /** The payload format 1.0 event (HTTP API variant, with {@code "version":"1.0"}). */
  public static byte[] v1(FrontRequest r, Context c) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("version", "1.0");
          g.writeStringField("resource", c.resourcePath());
          g.writeStringField("path", r.rawPath());
          g.writeStringField("httpMethod", r.method());
          Map<String, List<String>> multi = r.multiHeaders();
          g.writeObjectFieldStart("headers");
          for (var h : multi.entrySet()) {
            g.writeStringField(h.getKey(), h.getValue().get(h.getValue().size() - 1));
          }
          g.writeEndObject();
          multiMap(g, "multiValueHeaders", multi);
          Map<String, List<String>> query = r.queryParameters();
          if (query.isEmpty()) {
            g.writeNullField("queryStringParameters");
            g.writeNullField("multiValueQueryStringParameters");
          } else {
            g.writeObjectFieldStart("queryStringParameters");
            for (var q : query.entrySet()) {
              g.writeStringField(q.getKey(), q.getValue().get(q.getValue().size() - 1));
            }
            g.writeEndObject();
            multiMap(g, "multiValueQueryStringParameters", query);
          }
          g.writeObjectFieldStart("requestContext");
          g.writeStringField("accountId", c.accountId());
          g.writeStringField("apiId", c.apiId());
          if (c.authorizer() != null) {
            g.writeFieldName("authorizer");
            writeValue(g, c.authorizer());
          }
          g.writeStringField("domainName", r.domainName());
          g.writeStringField("domainPrefix", r.domainPrefix());
          g.writeStringField("extendedRequestId", c.requestId());
          g.writeStringField("httpMethod", r.method());
          g.writeObjectFieldStart("identity");
          for (String k :
              List.of(
                  "accessKey",
                  "accountId",
                  "caller",
                  "cognitoAuthenticationProvider",
                  "cognitoAuthenticationType",
                  "cognitoIdentityId",
                  "cognitoIdentityPoolId",
                  "principalOrgId",
                  "user",
                  "userArn")) {
            g.writeNullField(k);
          }
          g.writeStringField("sourceIp", r.sourceIp());
          g.writeStringField("userAgent", r.userAgent());
          g.writeEndObject();
          g.writeStringField("path", r.rawPath());
          g.writeStringField("protocol", r.protocol());
          g.writeStringField("requestId", c.requestId());
          g.writeStringField("requestTime", ClfTime.format(r.timeEpochMillis()));
          g.writeNumberField("requestTimeEpoch", r.timeEpochMillis());
          g.writeStringField("resourceId", c.routeKey());
          g.writeStringField("resourcePath", c.resourcePath());
          g.writeStringField("stage", c.stage());
          g.writeEndObject();
          if (c.pathParameters().isEmpty()) {
            g.writeNullField("pathParameters");
          } else {
            stringMap(g, "pathParameters", c.pathParameters());
          }
          if (c.stageVariables() == null || c.stageVariables().isEmpty()) {
            g.writeNullField("stageVariables");
          } else {
            stringMap(g, "stageVariables", c.stageVariables());
          }
          if (r.body().length == 0) {
            g.writeNullField("body");
            g.writeBooleanField("isBase64Encoded", false);
          } else {
            body(g, r);
          }
          g.writeEndObject();
        });
  }

  private static void body(JsonGenerator g, FrontRequest r) throws IOException {
    if (r.body().length == 0) {
      g.writeBooleanField("isBase64Encoded", false);
      return;
    }
    boolean binary = r.binaryBody();
    g.writeStringField(
        "body",
        binary
            ? Base64.getEncoder().encodeToString(r.body())
            : new String(r.body(), StandardCharsets.UTF_8));
    g.writeBooleanField("isBase64Encoded", binary);
  }

  private static void stringMap(JsonGenerator g, String name, Map<String, String> map)
      throws IOException {
    g.writeObjectFieldStart(name);
    for (var e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void multiMap(JsonGenerator g, String name, Map<String, List<String>> map)
      throws IOException {
    g.writeObjectFieldStart(name);
    for (var e : map.entrySet()) {
      g.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (var e : ((Map<String, Object>) m).entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof com.fasterxml.jackson.databind.JsonNode n) {
      g.writeRawValue(n.toString());
    } else if (v instanceof Number n) {
      g.writeRawValue(n.toString());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(v.toString());
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
