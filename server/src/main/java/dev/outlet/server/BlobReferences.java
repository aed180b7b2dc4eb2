package dev.outlet.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * The packages a stored record names: every {@code "sha256Hex"} string anywhere in it (a function's
 * or version's {@code code}, a layer version's {@code code}, a function's layers). Read by
 * streaming the tokens, never into a tree. Pure.
 */
final class BlobReferences {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String FIELD = "sha256Hex";

  private BlobReferences() {}

  /**
   * Adds the digests {@code json} names to {@code into}.
   *
   * @throws IOException when {@code json} is not JSON (a record that cannot be read must stop a
   *     collection: what it names is unknown)
   */
  static void collect(String json, Set<String> into) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME
            && FIELD.equals(p.currentName())
            && p.nextToken() == JsonToken.VALUE_STRING) {
          into.add(p.getText());
        }
      }
    }
  }
}
