package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  private static final AwsException BAD =
      new AwsException("InvalidParameterValueException", "InvalidParameterValue", 400, "bad");

  @Test
  void queryCompatibleJsonCarriesTheQueryCode() {
    Reply r = new Protocol.AwsJson("1.0", true).error(BAD, "id");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers())
        .containsEntry("Content-Type", "application/x-amz-json-1.0")
        .containsEntry("x-amzn-ErrorType", "InvalidParameterValueException")
        .containsEntry("x-amzn-query-error", "InvalidParameterValue;Sender");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"__type\":\"InvalidParameterValueException\",\"message\":\"bad\"}");
  }

  @Test
  void restJsonErrorsUseTheMembersTheServiceNames() {
    AwsException lambdaShaped =
        new AwsException("ResourceNotFoundException", 404, "Function not found") {
          @Override
          public Map<String, Object> members() {
            return Map.of("Message", getMessage());
          }
        };
    Reply r = new Protocol.RestJson().error(lambdaShaped, "id");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.headers()).containsEntry("x-amzn-ErrorType", "ResourceNotFoundException");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"Message\":\"Function not found\"}");
  }

  @Test
  void cborRoundTripsAndItsErrorsAreCborMaps() throws Exception {
    Protocol cbor = new Protocol.RpcV2Cbor(true);
    Reply ok = cbor.encode(Map.of("a", 1), "Op", "id");
    assertThat(ok.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
    assertThat(cbor.decode(ok.body(), JsonNode.class).get("a").intValue()).isEqualTo(1);
    assertThat(cbor.decode(new byte[0], JsonNode.class).size()).isZero();
    Reply err =
        cbor.error(new AwsException("InternalServiceFault", "InternalFailure", 500, "x"), "id");
    assertThat(err.headers()).containsEntry("x-amzn-query-error", "InternalFailure;Receiver");
    JsonNode body = Protocol.Codecs.CBOR.readTree(err.body());
    assertThat(body.get("__type").textValue()).isEqualTo("InternalServiceFault");
    assertThatThrownBy(() -> cbor.decode(new byte[] {(byte) 0xFF, 0x01}, JsonNode.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessageContaining("CBOR");
  }

  private static final Instant AT = Instant.parse("2026-11-27T10:00:00.250Z"); // 1795773600.25 s

  @Test
  void jsonWritesTimestampsAsEpochSecondsAndMapShapesAsObjects() {
    for (Protocol json : List.of(new Protocol.AwsJson("1.0", true), new Protocol.RestJson())) {
      Reply r =
          json.encode(
              Map.of("Timestamps", List.of(AT), "Stats", new MapShape(Map.of("p50", 1.5))),
              "Op",
              "id");
      JsonNode body = json.decode(r.body(), JsonNode.class);
      JsonNode t = body.get("Timestamps").get(0);
      assertThat(t.isNumber()).as("a number, not a string").isTrue();
      assertThat(t.doubleValue()).isEqualTo(1795773600.25);
      assertThat(body.get("Stats").get("p50").doubleValue()).isEqualTo(1.5);
    }
  }

  @Test
  void cborWritesTimestampsAsTagOneAndEpochSeconds() throws Exception {
    Reply r = new Protocol.RpcV2Cbor(true).encode(Map.of("Timestamp", AT), "Op", "id");
    try (CBORParser p = (CBORParser) Protocol.Codecs.CBOR.getFactory().createParser(r.body())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextFieldName()).isEqualTo("Timestamp");
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
      assertThat(p.getCurrentTag()).isEqualTo(1);
      assertThat(p.getDoubleValue()).isEqualTo(1795773600.25);
    }
  }

  @Test
  void faultsAreTheReceiversAndMistakesTheSenders() {
    assertThat(BAD.fault()).isEqualTo("Sender");
    assertThat(new AwsException("ServiceException", 500, "x").fault()).isEqualTo("Receiver");
  }
}
