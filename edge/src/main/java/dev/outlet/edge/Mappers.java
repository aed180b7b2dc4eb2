package dev.outlet.edge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * The configured mappers of the wire: unknown members ignored (as AWS's services do); timestamps
 * ({@link Instant}) written as AWS's JSON and CBOR protocols write them.
 */
final class Mappers {
  private Mappers() {}

  static ObjectMapper json() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(WIRE)
        .build();
  }

  /**
   * The query protocol's: as {@link #json()}, and an empty value where a list is expected is an
   * empty list (SDKs send an empty list as {@code Name=}).
   */
  static ObjectMapper query() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .withCoercionConfig(
            LogicalType.Collection,
            c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsEmpty))
        .addModule(WIRE)
        .build();
  }

  static ObjectMapper cbor() {
    return new ObjectMapper(new CBORFactory())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .registerModule(WIRE);
  }

  private static final SimpleModule WIRE =
      new SimpleModule("aws-wire").addSerializer(Instant.class, new EpochSeconds());

  /**
   * A timestamp as epoch seconds with millisecond fraction, a number (AWS JSON's default {@code
   * epoch-seconds} format); in CBOR behind tag 1, as Smithy's RPC v2 CBOR requires.
   */
  static final class EpochSeconds extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    EpochSeconds() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator g, SerializerProvider provider)
        throws IOException {
      if (g instanceof CBORGenerator cbor) {
        cbor.writeTag(1);
      }
      g.writeNumber(value.toEpochMilli() / 1000.0);
    }
  }

  /** A member of the wrong type, named by its path. */
  static String describe(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty()
        ? "The request body does not match the operation's input."
        : "The member " + path + " has the wrong type.";
  }
}
