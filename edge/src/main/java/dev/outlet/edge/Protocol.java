package dev.outlet.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AWS wire protocol: how a request body decodes, how a result encodes, and how an {@link
 * AwsException} looks on the wire, exactly as the protocol's SDKs parse it. The edge's only place
 * for error bodies.
 */
public sealed interface Protocol
    permits Protocol.AwsJson, Protocol.RestJson, Protocol.AwsQuery, Protocol.RpcV2Cbor {

  /** The error as this protocol sends it ({@code requestId} goes in query errors' bodies). */
  Reply error(AwsException e, String requestId);

  /** {@code result} of {@code operation} encoded as this protocol's 200 reply. */
  Reply encode(Object result, String operation, String requestId);

  /**
   * The operation a request names in its body, for protocols that name it there (the query
   * protocol's {@code Action}); {@code ""} when it names none.
   */
  default String operationIn(byte[] body) {
    throw new IllegalStateException(getClass().getSimpleName() + " names operations in the head");
  }

  /**
   * The body as {@code type}; an empty body is an empty object. Throws {@link MalformedBody} when
   * it does not decode.
   */
  <T> T decode(byte[] body, Class<T> type);

  /** The body could not be read as the protocol's format; the service names the AWS error. */
  final class MalformedBody extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedBody(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * AWS JSON 1.0 or 1.1: {@code POST /} with {@code X-Amz-Target}; results through {@link
   * Codecs#JSON} (timestamps as epoch seconds, {@link MapShape}s as objects); errors as {@code
   * {"__type","message"}} with {@code x-amzn-ErrorType}.
   *
   * @param version {@code "1.0"} or {@code "1.1"}
   * @param queryCompatible whether errors also carry {@code x-amzn-query-error} (services moved
   *     from the query protocol, whose SDKs read the query code from it)
   */
  record AwsJson(String version, boolean queryCompatible) implements Protocol {
    public String contentType() {
      return "application/x-amz-json-" + version;
    }

    @Override
    public Reply error(AwsException e, String requestId) {
      return Codecs.jsonError(e, contentType(), queryCompatible);
    }

    @Override
    public Reply encode(Object result, String operation, String requestId) {
      return Reply.ok(contentType(), Codecs.write(Codecs.JSON, result));
    }

    @Override
    public <T> T decode(byte[] body, Class<T> type) {
      return Codecs.read(Codecs.JSON, body, type);
    }
  }

  /** REST JSON (Lambda, API Gateway v2): operations by method and path; JSON bodies. */
  record RestJson() implements Protocol {
    /** A reply with another status than 200 ({@code body} null: no body). */
    public static Reply reply(int status, Object body) {
      return body == null
          ? new Reply(status, Map.of(), new byte[0])
          : new Reply(
              status, Map.of("Content-Type", "application/json"), Codecs.write(Codecs.JSON, body));
    }

    @Override
    public Reply error(AwsException e, String requestId) {
      return Codecs.jsonError(e, "application/json", false);
    }

    @Override
    public Reply encode(Object result, String operation, String requestId) {
      return Reply.ok("application/json", Codecs.write(Codecs.JSON, result));
    }

    @Override
    public <T> T decode(byte[] body, Class<T> type) {
      return Codecs.read(Codecs.JSON, body, type);
    }
  }

  /**
   * The query protocol: form-encoded {@code Action=...}; XML replies ({@link QueryXml}) and {@code
   * ErrorResponse} errors in the service's namespace.
   *
   * @param namespace the service's XML namespace
   * @param detail whether errors carry an empty {@code <Detail/>} (SQS's do)
   */
  record AwsQuery(String namespace, boolean detail) implements Protocol {
    /** Errors without {@code <Detail/>}. */
    public AwsQuery(String namespace) {
      this(namespace, false);
    }

    @Override
    public Reply error(AwsException e, String requestId) {
      String xml =
          "<ErrorResponse xmlns=\""
              + namespace
              + "\"><Error><Type>"
              + e.fault()
              + "</Type><Code>"
              + Codecs.xml(e.queryCode())
              + "</Code><Message>"
              + Codecs.xml(e.getMessage())
              + (detail
                  ? "</Message><Detail/></Error><RequestId>"
                  : "</Message></Error><RequestId>")
              + Codecs.xml(requestId)
              + "</RequestId></ErrorResponse>";
      return new Reply(
          e.status(),
          Map.of("Content-Type", "text/xml"),
          xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The result as the {@code <OpResponse>} XML ({@link QueryXml}); a {@link Reply} as is. */
    @Override
    public Reply encode(Object result, String operation, String requestId) {
      if (result instanceof Reply r) {
        return r;
      }
      String xml = QueryXml.response(namespace, operation, result, requestId);
      return Reply.ok("text/xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The form as a tree ({@link QueryForm}: {@code X.member.N} lists, {@code A.B} members), bound
     * as {@code type} by {@link Codecs#QUERY} with the same failures as the JSON protocols: a
     * mistyped member is a {@link MalformedBody}, not a fault.
     */
    @Override
    public <T> T decode(byte[] body, Class<T> type) {
      return Codecs.bind(Codecs.QUERY, form(body), type);
    }

    @Override
    public String operationIn(byte[] body) {
      return form(body).path("Action").asText("");
    }

    private static JsonNode form(byte[] body) {
      return QueryForm.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * Smithy RPC v2 CBOR: {@code POST /service/S/operation/Op}; CBOR bodies (timestamps as tag 1 and
   * epoch seconds); {@code smithy-protocol: rpc-v2-cbor}.
   */
  record RpcV2Cbor(boolean queryCompatible) implements Protocol {
    private static final Map<String, String> HEADERS =
        Map.of("Content-Type", "application/cbor", "smithy-protocol", "rpc-v2-cbor");

    @Override
    public Reply error(AwsException e, String requestId) {
      Map<String, String> headers = new LinkedHashMap<>(HEADERS);
      if (queryCompatible) {
        headers.put("x-amzn-query-error", e.queryCode() + ";" + e.fault());
      }
      return new Reply(e.status(), headers, Codecs.write(Codecs.CBOR, e.members()));
    }

    @Override
    public Reply encode(Object result, String operation, String requestId) {
      return new Reply(200, HEADERS, Codecs.write(Codecs.CBOR, result));
    }

    @Override
    public <T> T decode(byte[] body, Class<T> type) {
      return Codecs.read(Codecs.CBOR, body, type);
    }
  }

  /** The shared mappers and the pieces of error bodies. */
  final class Codecs {
    /** The one JSON mapper of the AWS protocols (timestamps as epoch seconds). */
    public static final ObjectMapper JSON = Mappers.json();

    /** The one CBOR mapper (timestamps as tag 1 and epoch seconds). */
    public static final ObjectMapper CBOR = Mappers.cbor();

    /** The query protocol's mapper, binding a form's tree (an empty value is an empty list). */
    static final ObjectMapper QUERY = Mappers.query();

    private Codecs() {}

    static Reply jsonError(AwsException e, String contentType, boolean queryCompatible) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", contentType);
      headers.put("x-amzn-ErrorType", e.code());
      if (queryCompatible) {
        headers.put("x-amzn-query-error", e.queryCode() + ";" + e.fault());
      }
      return new Reply(e.status(), headers, write(JSON, e.members()));
    }

    static byte[] write(ObjectMapper mapper, Object value) {
      try {
        return mapper.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
      JsonNode tree;
      try {
        tree = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
      } catch (IOException e) {
        throw new MalformedBody("The request body is not valid " + format(mapper) + ".");
      }
      if (tree == null || !tree.isObject()) {
        throw new MalformedBody("The request body must be a " + format(mapper) + " object.");
      }
      return bind(mapper, tree, type);
    }

    /**
     * {@code tree} as {@code type}. A member of the wrong type is a {@link MalformedBody} naming
     * it; an {@link AwsException} thrown while binding (a service's deserializer refusing a value
     * with the service's own words) reaches the client as it is.
     */
    static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type) {
      if (type == JsonNode.class) {
        return type.cast(tree);
      }
      try {
        return mapper.treeToValue(tree, type);
      } catch (JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof AwsException refused) {
            throw refused;
          }
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
          throw new MalformedBody(Mappers.describe(m));
        }
        throw new MalformedBody("The request body is not valid " + format(mapper) + ".");
      }
    }

    private static String format(ObjectMapper mapper) {
      return mapper == CBOR ? "CBOR" : mapper == QUERY ? "form" : "JSON";
    }

    static String xml(String text) {
      if (text == null) {
        return "";
      }
      StringBuilder b = new StringBuilder(text.length() + 16);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '<' -> b.append("&lt;");
          case '>' -> b.append("&gt;");
          case '&' -> b.append("&amp;");
          case '"' -> b.append("&quot;");
          case '\'' -> b.append("&apos;");
          default -> b.append(c);
        }
      }
      return b.toString();
    }
  }
}
