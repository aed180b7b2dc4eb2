package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.edge.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every parser of the edge given mutated valid inputs (and the committed corpus, {@code
 * fuzz-corpus/}): the protocols' body decoders, the query form, the percent-decoder, the SigV4
 * header and presigned query, and the verifier over them. Each returns a value or throws its
 * declared error (the one the edge maps to a 4xx), within {@link Fuzz#BOUND}.
 */
class EdgeParserProperties {
  private static final Instant NOW = Instant.parse("2026-12-04T10:15:00Z");

  /** A request shape with the member types the services bind: strings, numbers, lists, maps. */
  record Sample(
      @JsonProperty("Name") String name,
      @JsonProperty("Count") Integer count,
      @JsonProperty("Value") Double value,
      @JsonProperty("When") Double when,
      @JsonProperty("Items") List<String> items,
      @JsonProperty("Tags") Map<String, String> tags,
      @JsonProperty("Inner") Sample inner) {}

  private static final List<String> JSON =
      List.of(
          "{\"Name\":\"f\",\"Count\":3,\"Value\":1.5,\"When\":1733300000,\"Items\":[\"a\",\"b\"],"
              + "\"Tags\":{\"k\":\"v\"},\"Inner\":{\"Name\":\"g\",\"Items\":[]}}",
          "{\"Name\":\"\\u00e9\\ud83d\\ude00\",\"Count\":-1,\"When\":1.5e9}",
          "{}",
          "[1,2,{\"a\":null}]");

  private static final List<String> FORMS =
      List.of(
          "Action=PutMetricData&Version=2010-08-01&Namespace=App&MetricData.member.1.MetricName=M"
              + "&MetricData.member.1.Value=1.5&MetricData.member.1.Dimensions.member.1.Name=D"
              + "&MetricData.member.1.Dimensions.member.1.Value=x%20y",
          "Action=ListMetrics&Name=a+b&Count=7&Items.member.1=a&Items.member.2=b&Tags.k=v",
          "Name=%E2%82%AC&Inner.Name=x&Inner.Inner.Count=1");

  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261204/us-east-1/lambda/aws4_request,"
          + " SignedHeaders=content-type;host;x-amz-date,"
          + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

  private static final String PRESIGNED =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261204%2F"
          + "us-east-1%2Flambda%2Faws4_request&X-Amz-Date=20261204T101500Z&X-Amz-Expires=300"
          + "&X-Amz-SignedHeaders=host&X-Amz-Security-Token=tok%2B%2F%3D"
          + "&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

  private final SigV4Verifier verifier =
      new SigV4Verifier(
          id ->
              Optional.of(
                  new SigningKeys.SigningKey(
                      id, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null, "arn")),
          InstantSource.fixed(NOW));

  private static List<byte[]> cborSamples() {
    return JSON.stream()
        .map(
            j -> {
              try {
                return Protocol.Codecs.CBOR.writeValueAsBytes(Protocol.Codecs.JSON.readTree(j));
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  @Provide
  Arbitrary<byte[]> jsonBodies() {
    return Fuzz.mutationsOf(JSON.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Provide
  Arbitrary<byte[]> cborBodies() {
    return Fuzz.mutationsOf(cborSamples());
  }

  @Provide
  Arbitrary<String> forms() {
    return Fuzz.textMutationsOf(FORMS);
  }

  @Provide
  Arbitrary<String> authorizations() {
    return Fuzz.textMutationsOf(List.of(AUTH, "AWS4-HMAC-SHA256 Credential=a/b/c/d/e", "Bearer x"));
  }

  @Provide
  Arbitrary<String> presignedQueries() {
    return Fuzz.textMutationsOf(List.of(PRESIGNED, "X-Amz-Algorithm=AWS4-HMAC-SHA256"));
  }

  /** The JSON protocols' decoder: a value, or MalformedBody / a service's AwsException. */
  private static void decodeJson(byte[] body) {
    for (Protocol p : List.of(new Protocol.AwsJson("1.1", false), new Protocol.RestJson())) {
      Fuzz.run(body, () -> p.decode(body, Sample.class), Protocol.MalformedBody.class);
      Fuzz.run(body, () -> p.decode(body, JsonNode.class), Protocol.MalformedBody.class);
    }
  }

  private static void decodeCbor(byte[] body) {
    Protocol p = new Protocol.RpcV2Cbor(false);
    Fuzz.run(body, () -> p.decode(body, Sample.class), Protocol.MalformedBody.class);
    Fuzz.run(body, () -> p.decode(body, JsonNode.class), Protocol.MalformedBody.class);
  }

  private static void decodeForm(String form) {
    Protocol p = new Protocol.AwsQuery("http://monitoring.amazonaws.com/doc/2010-08-01/");
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    Fuzz.run(form, () -> p.operationIn(body), Protocol.MalformedBody.class);
    Fuzz.run(form, () -> p.decode(body, Sample.class), Protocol.MalformedBody.class);
    Fuzz.run(form, () -> Percent.query(form));
    Fuzz.run(form, () -> SigV4.canonicalQuery(form, true));
    Fuzz.run(form, () -> SigV4.canonicalPath("/" + form));
  }

  /** A header-signed request: the identity never throws; the verifier answers an AwsException. */
  private void verifyHeader(String authorization) {
    Map<String, String> headers = new HashMap<>();
    headers.put("authorization", authorization);
    headers.put("host", "127.0.0.1:9070");
    headers.put("content-type", "application/json");
    headers.put("x-amz-date", "20261204T101500Z");
    RequestHead head =
        new RequestHead(
            "POST",
            "/2015-03-31/functions",
            n -> headers.get(n.toLowerCase(Locale.ROOT)),
            n -> null,
            null);
    RequestIdentity id =
        Fuzz.run(authorization, () -> RequestIdentity.of(head.header(), head.query()))
                instanceof Fuzz.Outcome.Parsed<RequestIdentity> p
            ? p.value()
            : null;
    assertThat(id).isNotNull();
    Fuzz.run(authorization, () -> verifier.verify(head, id, new byte[0]), AwsException.class);
  }

  private void verifyPresigned(String rawQuery) {
    RequestHead head =
        new RequestHead(
            "GET",
            "/2015-03-31/functions/f",
            n -> "host".equalsIgnoreCase(n) ? "127.0.0.1:9070" : null,
            Percent.firstValues(rawQuery),
            rawQuery);
    RequestIdentity id =
        Fuzz.run(rawQuery, () -> RequestIdentity.of(head.header(), head.query()))
                instanceof Fuzz.Outcome.Parsed<RequestIdentity> p
            ? p.value()
            : null;
    assertThat(id).isNotNull();
    Fuzz.run(rawQuery, () -> verifier.verify(head, id, new byte[0]), AwsException.class);
  }

  @Property(tries = 400)
  void jsonBodiesDecodeOrAreMalformed(@ForAll("jsonBodies") byte[] body) {
    decodeJson(body);
  }

  @Property(tries = 400)
  void cborBodiesDecodeOrAreMalformed(@ForAll("cborBodies") byte[] body) {
    decodeCbor(body);
  }

  @Property(tries = 400)
  void queryFormsDecodeOrAreMalformed(@ForAll("forms") String form) {
    decodeForm(form);
  }

  @Property(tries = 400)
  void signedHeadersAreReadAndRefusedWithAnAwsError(@ForAll("authorizations") String auth) {
    verifyHeader(auth);
  }

  @Property(tries = 400)
  void presignedQueriesAreReadAndRefusedWithAnAwsError(@ForAll("presignedQueries") String query) {
    verifyPresigned(query);
  }

  @Example
  void theValidSamplesBindInEveryProtocol() {
    byte[] json = JSON.getFirst().getBytes(StandardCharsets.UTF_8);
    assertThat(new Protocol.RestJson().decode(json, Sample.class).inner().name()).isEqualTo("g");
    assertThat(new Protocol.RpcV2Cbor(false).decode(cborSamples().getFirst(), Sample.class).tags())
        .containsEntry("k", "v");
    assertThat(
            new Protocol.AwsQuery("ns")
                .decode(FORMS.get(1).getBytes(StandardCharsets.UTF_8), Sample.class)
                .items())
        .containsExactly("a", "b");
  }

  @Example
  void theCommittedCorpusIsHandled() {
    for (byte[] input : Fuzz.corpus(getClass(), "/fuzz-corpus/bodies.txt")) {
      decodeJson(input);
      decodeCbor(input);
      String text = new String(input, StandardCharsets.UTF_8);
      decodeForm(text);
      verifyHeader(text);
      verifyPresigned(text);
    }
  }
}
