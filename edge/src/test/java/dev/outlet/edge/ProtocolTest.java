package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
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

  record Greeting(String name, Integer times, List<String> tags) {}

  @Test
  void aQueryFormBindsARecordAsJsonDoes() {
    Protocol query = new Protocol.AwsQuery("ns");
    Greeting fromForm =
        query.decode(
            "Action=Greet&name=Ada&times=2&tags.member.2=b&tags.member.1=a".getBytes(),
            Greeting.class);
    Greeting fromJson =
        new Protocol.AwsJson("1.0", false)
            .decode(
                "{\"name\":\"Ada\",\"times\":2,\"tags\":[\"a\",\"b\"]}".getBytes(), Greeting.class);
    assertThat(fromForm).isEqualTo(fromJson).isEqualTo(new Greeting("Ada", 2, List.of("a", "b")));
  }

  @Test
  void anEmptyQueryValueIsAnEmptyList() {
    Greeting g = new Protocol.AwsQuery("ns").decode("name=Ada&tags=".getBytes(), Greeting.class);
    assertThat(g.tags()).isEmpty();
  }

  @Test
  void aMistypedQueryMemberIsAMalformedBodyNotAFault() {
    assertThatThrownBy(
            () -> new Protocol.AwsQuery("ns").decode("times=many".getBytes(), Greeting.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessage("The member times has the wrong type.");
  }

  /** Refuses every value with the service's own error, as a service's deserializer may. */
  static final class Refusing extends StdDeserializer<String> {
    private static final long serialVersionUID = 1L;

    Refusing() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      throw new AwsException("InvalidParameterValueException", 400, "no " + p.currentName());
    }
  }

  record Strict(List<Inner> items) {}

  record Inner(@JsonDeserialize(using = Refusing.class) String value) {}

  @Test
  void anAwsExceptionThrownWhileBindingIsTheServicesAnswerInEveryProtocol() throws Exception {
    Map<Protocol, byte[]> bodies =
        Map.of(
            new Protocol.AwsJson("1.0", true),
            "{\"items\":[{\"value\":\"x\"}]}".getBytes(),
            new Protocol.AwsQuery("ns"),
            "items.member.1.value=x".getBytes(),
            new Protocol.RpcV2Cbor(true),
            Protocol.Codecs.CBOR.writeValueAsBytes(Map.of("items", List.of(Map.of("value", "x")))));
    bodies.forEach(
        (protocol, body) ->
            assertThatThrownBy(() -> protocol.decode(body, Strict.class))
                .as(protocol.toString())
                .isInstanceOf(AwsException.class)
                .hasMessage("no value"));
  }

  @Test
  void faultsAreTheReceiversAndMistakesTheSenders() {
    assertThat(BAD.fault()).isEqualTo("Sender");
    assertThat(new AwsException("ServiceException", 500, "x").fault()).isEqualTo("Receiver");
  }
}
