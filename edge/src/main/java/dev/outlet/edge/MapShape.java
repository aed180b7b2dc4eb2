package dev.outlet.edge;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result value of a map shape (CloudWatch's {@code ExtendedStatistics}, SQS's {@code
 * Attributes}), as opposed to a structure, which a plain {@link Map} or a record stands for. The
 * JSON and CBOR protocols write both as objects; the query protocol writes a map shape as {@code
 * <entry><key>k</key><value>v</value></entry>} elements ({@link QueryXml}). Immutable; keeps the
 * order of {@code entries}.
 *
 * @param entries the map's entries, in the order they are written
 */
public record MapShape(@JsonValue Map<String, ?> entries) {
  public MapShape {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }
}
