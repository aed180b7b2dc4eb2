package dev.outlet.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.outlet.core.FunctionRecord;
import java.time.Instant;

/**
 * The stored form of a {@link FunctionRecord} (and of versions and aliases): its record components
 * as JSON, instants as ISO-8601 strings (readable with {@code sqlite3}). Thread-safe (the mapper is
 * immutable once built).
 *
 * <p>Unknown members are ignored on read so that a database written by a newer Outlet, with an
 * added field, still loads; a component added to the record reads as its default from old rows.
 */
public final class FunctionRecordJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new SimpleModule().addDeserializer(Instant.class, new StoredInstants()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private FunctionRecordJson() {}

  /** Encodes a record of function {@code name} (its record, a version or an alias). */
  public static String write(String name, Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot encode function " + name, e);
    }
  }

  public static <T> T read(String name, String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot decode the stored record of function " + name, e);
    }
  }
}
