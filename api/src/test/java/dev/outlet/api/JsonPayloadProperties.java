package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Invoke payload check, fuzzed: on any bytes it returns or throws
 * InvalidRequestContentException within the bound, and it agrees with a full parse (a tree,
 * trailing tokens refused) on which payloads are one complete JSON value.
 */
class JsonPayloadProperties {
  private static final ObjectMapper FULL =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final List<byte[]> SAMPLES =
      List.of(
          "{\"a\":[1,2.5,-3e4,{\"b\":null}],\"c\":\"\\u00e9\\n\",\"d\":true}"
              .getBytes(StandardCharsets.UTF_8),
          "[[[[\"deep\"]]],{\"k\":{}},false]".getBytes(StandardCharsets.UTF_8),
          "\"a string\"".getBytes(StandardCharsets.UTF_8),
          "-0.5e-3".getBytes(StandardCharsets.UTF_8));

  @Provide
  Arbitrary<byte[]> payloads() {
    return Fuzz.mutationsOf(SAMPLES);
  }

  @Property(tries = 2000)
  void agreesWithAFullParseAndNeverThrowsAnythingElse(@ForAll("payloads") byte[] payload) {
    Fuzz.Outcome<Boolean> outcome =
        Fuzz.run(
            payload,
            () -> {
              JsonPayload.check(payload);
              return true;
            },
            LambdaException.class);
    boolean parses;
    try {
      FULL.readTree(payload);
      parses = payload.length > 0 && FULL.readTree(payload) != null && !blank(payload);
    } catch (Exception e) {
      parses = false;
    }
    assertThat(outcome instanceof Fuzz.Outcome.Parsed<Boolean>)
        .as("check and full parse agree on %s", Fuzz.show(payload))
        .isEqualTo(parses);
  }

  private static boolean blank(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replace("\uFEFF", "").isBlank();
  }
}
