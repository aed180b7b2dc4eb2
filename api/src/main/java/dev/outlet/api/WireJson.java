package dev.outlet.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds control-plane request bodies to their records ({@code dev.outlet.api.model}) with one
 * configured mapper, and is the one place where a body that does not bind becomes AWS's error:
 *
 * <ol>
 *   <li>not JSON, or not an object: InvalidRequestContentException "Could not parse request body
 *       into json: ...";
 *   <li>a number member that holds something else (text, even digits in quotes; a boolean; an
 *       array; a number past int): ValidationException "Member must be a number" at the member's
 *       AWS name ({@code memorySize}, {@code ephemeralStorage.size}), the value as written;
 *   <li>any other member of the wrong shape: InvalidRequestContentException naming the member.
 * </ol>
 *
 * An empty body is an empty object. Unknown members are ignored, as AWS ignores them. Thread-safe.
 */
public final class WireJson {
  /**
   * Request bodies carry the base64 zip (up to 50 MB zipped, about 67 MB of text): Jackson's
   * default 20 MB cap on one string value is raised to the whole request's cap, which CappedBody
   * enforces while streaming.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength((int) Limits.CREATE_REQUEST)
                          .build())
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .withCoercionConfig(
              LogicalType.Integer,
              c ->
                  c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          .build();

  private static final String UNPARSABLE = "Could not parse request body into json: ";

  private WireJson() {}

  /** {@code body} as a {@code type}; throws {@link LambdaException} with AWS's words. */
  public static <T> T read(byte[] body, Class<T> type) {
    JsonNode tree = tree(body);
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw unbound(tree, e);
    }
  }

  private static JsonNode tree(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new LambdaException(ErrorCode.INVALID_REQUEST_CONTENT, UNPARSABLE + "not an object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new LambdaException(
          ErrorCode.INVALID_REQUEST_CONTENT, UNPARSABLE + e.getOriginalMessage());
    } catch (IOException e) {
      throw new LambdaException(ErrorCode.INVALID_REQUEST_CONTENT, "Could not read request body");
    }
  }

  /** What a parsed body that does not bind to its record answers. */
  private static LambdaException unbound(JsonNode tree, JsonProcessingException e) {
    Class<?> target = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LambdaException known) {
        return known; // a member's own deserializer named the error (ZipFile)
      }
      if (target == null && t instanceof MismatchedInputException m) {
        target = m.getTargetType();
      }
      if (target == null && t instanceof InputCoercionException c) {
        target = c.getTargetType();
      }
    }
    List<JsonMappingException.Reference> path =
        e instanceof JsonMappingException m ? m.getPath() : List.of();
    if (path.isEmpty()) {
      return new LambdaException(
          ErrorCode.INVALID_REQUEST_CONTENT, UNPARSABLE + e.getOriginalMessage());
    }
    if (isNumber(target)) {
      return LambdaException.validation(
          at(tree, path).asText(), member(path), "Member must be a number");
    }
    String shape = shape(target);
    return new LambdaException(
        ErrorCode.INVALID_REQUEST_CONTENT,
        UNPARSABLE
            + wirePath(path)
            + (shape == null ? " has the wrong type" : " must be " + shape));
  }

  private static boolean isNumber(Class<?> target) {
    return target == int.class
        || target == long.class
        || (target != null && Number.class.isAssignableFrom(target));
  }

  /** What the member must be, in JSON's terms; null when the target type says nothing. */
  private static String shape(Class<?> target) {
    if (target == null) {
      return null;
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "a boolean";
    }
    if (target == byte[].class) {
      return "a base64 string";
    }
    if (target.isArray() || Collection.class.isAssignableFrom(target)) {
      return "a list";
    }
    return Map.class.isAssignableFrom(target) || target.isRecord() ? "an object" : null;
  }

  /** The node the path leads to in the parsed body (missing when it leads nowhere). */
  private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> path) {
    JsonNode n = tree;
    for (JsonMappingException.Reference r : path) {
      n = r.getFieldName() != null ? n.path(r.getFieldName()) : n.path(r.getIndex());
    }
    return n;
  }

  /**
   * AWS's name of a member in validation messages: {@code EphemeralStorage.Size} → {@code
   * ephemeralStorage.size}.
   */
  private static String member(List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      String name = r.getFieldName();
      if (name == null) {
        b.append('[').append(r.getIndex()).append(']');
        continue;
      }
      if (!b.isEmpty()) {
        b.append('.');
      }
      b.append(name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1));
    }
    return b.toString();
  }

  /** The member as the request names it: {@code Environment.Variables}, {@code Layers[0]}. */
  private static String wirePath(List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() == null) {
        b.append('[').append(r.getIndex()).append(']');
      } else {
        b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
      }
    }
    return b.toString();
  }
}
