package dev.outlet.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
          field(g, N.VERSION, "2.0");
          if (routeArn != null) {
            field(g, N.TYPE, "REQUEST");
            field(g, N.ROUTE_ARN, routeArn);
            g.writeFieldName(N.IDENTITY_SOURCE);
            g.writeStartArray();
            for (String v : identity) {
              g.writeString(v);
            }
            g.writeEndArray();
          }
          field(g, N.ROUTE_KEY, c.routeKey());
          field(g, N.RAW_PATH, r.rawPath());
          field(g, N.RAW_QUERY_STRING, r.rawQuery());
          List<String> cookies = r.cookies();
          if (!cookies.isEmpty()) {
            g.writeFieldName(N.COOKIES);
            g.writeStartArray();
            for (String k : cookies) {
              g.writeString(k);
            }
            g.writeEndArray();
          }
          g.writeFieldName(N.HEADERS);
          g.writeStartObject();
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
          g.writeFieldName(N.REQUEST_CONTEXT);
          g.writeStartObject();
          field(g, N.ACCOUNT_ID, c.accountId());
          field(g, N.API_ID, c.apiId());
          if (c.authorizer() != null) {
            g.writeFieldName("authorizer");
            writeValue(g, c.authorizer());
          }
          field(g, N.DOMAIN_NAME, r.domainName());
          field(g, N.DOMAIN_PREFIX, r.domainPrefix());
          g.writeFieldName(N.HTTP);
          g.writeStartObject();
          field(g, N.METHOD, r.method());
          field(g, N.PATH, r.rawPath());
          field(g, N.PROTOCOL, r.protocol());
          field(g, N.SOURCE_IP, r.sourceIp());
          field(g, N.USER_AGENT, r.userAgent());
          g.writeEndObject();
          field(g, N.REQUEST_ID, c.requestId());
          field(g, N.ROUTE_KEY, c.routeKey());
          field(g, N.STAGE, c.stage());
          field(g, N.TIME, ClfTime.format(r.timeEpochMillis()));
          g.writeFieldName(N.TIME_EPOCH);
          g.writeNumber(r.timeEpochMillis());
          g.writeEndObject();
          body(g, r);
          g.writeEndObject();
        });
  }

  /** Field names of payload 2.0, encoded once (Jackson copies their UTF-8 bytes as they are). */
  private static final class N {
    static final SerializedString VERSION = new SerializedString("version");
    static final SerializedString TYPE = new SerializedString("type");
    static final SerializedString ROUTE_ARN = new SerializedString("routeArn");
    static final SerializedString IDENTITY_SOURCE = new SerializedString("identitySource");
    static final SerializedString ROUTE_KEY = new SerializedString("routeKey");
    static final SerializedString RAW_PATH = new SerializedString("rawPath");
    static final SerializedString RAW_QUERY_STRING = new SerializedString("rawQueryString");
    static final SerializedString COOKIES = new SerializedString("cookies");
    static final SerializedString HEADERS = new SerializedString("headers");
    static final SerializedString REQUEST_CONTEXT = new SerializedString("requestContext");
    static final SerializedString ACCOUNT_ID = new SerializedString("accountId");
    static final SerializedString API_ID = new SerializedString("apiId");
    static final SerializedString DOMAIN_NAME = new SerializedString("domainName");
    static final SerializedString DOMAIN_PREFIX = new SerializedString("domainPrefix");
    static final SerializedString HTTP = new SerializedString("http");
    static final SerializedString METHOD = new SerializedString("method");
    static final SerializedString PATH = new SerializedString("path");
    static final SerializedString PROTOCOL = new SerializedString("protocol");
    static final SerializedString SOURCE_IP = new SerializedString("sourceIp");
    static final SerializedString USER_AGENT = new SerializedString("userAgent");
    static final SerializedString REQUEST_ID = new SerializedString("requestId");
    static final SerializedString STAGE = new SerializedString("stage");
    static final SerializedString TIME = new SerializedString("time");
    static final SerializedString TIME_EPOCH = new SerializedString("timeEpoch");
    static final SerializedString BODY = new SerializedString("body");
    static final SerializedString IS_BASE64_ENCODED = new SerializedString("isBase64Encoded");

    private N() {}
  }

  private static void field(JsonGenerator g, SerializedString name, String value)
      throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
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
      g.writeFieldName(N.IS_BASE64_ENCODED);
      g.writeBoolean(false);
      return;
    }
    boolean binary = r.binaryBody();
    g.writeFieldName(N.BODY);
    if (binary) {
      g.writeString(Base64.getEncoder().encodeToString(r.body()));
    } else {
      // valid UTF-8 (binaryBody checked): Jackson escapes the bytes without decoding them
      g.writeUTF8String(r.body(), 0, r.body().length);
    }
    g.writeFieldName(N.IS_BASE64_ENCODED);
    g.writeBoolean(binary);
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
