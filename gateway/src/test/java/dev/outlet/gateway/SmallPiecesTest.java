package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPiecesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aTokenBucketLetsABurstThroughThenRefillsAtItsRate() {
    long s = 1_000_000_000L;
    TokenBucket b = new TokenBucket(2, 3, 0);
    assertThat(b.tryTake(0)).isTrue();
    assertThat(b.tryTake(0)).isTrue();
    assertThat(b.tryTake(0)).isTrue();
    assertThat(b.tryTake(0)).isFalse();
    assertThat(b.tryTake(s / 2)).isTrue(); // 0.5 s at 2/s = one token
    assertThat(b.tryTake(s / 2)).isFalse();
    assertThat(b.tryTake(100 * s)).isTrue(); // refills to the burst, not beyond
    assertThat(b.tryTake(100 * s)).isTrue();
    assertThat(b.tryTake(100 * s)).isTrue();
    assertThat(b.tryTake(100 * s)).isFalse();
  }

  @Test
  void corsPreflightAnswersAllowedOriginsOnly() {
    CorsRules c =
        new CorsRules(
            false,
            List.of("content-type"),
            List.of("GET", "POST"),
            List.of("https://a.example"),
            List.of("x-id"),
            300);
    Map<String, String> h = c.preflight("https://a.example", "POST", "content-type");
    assertThat(h)
        .containsEntry("Access-Control-Allow-Origin", "https://a.example")
        .containsEntry("Access-Control-Allow-Methods", "GET,POST")
        .containsEntry("Access-Control-Allow-Headers", "content-type")
        .containsEntry("Access-Control-Max-Age", "300");
    assertThat(c.preflight("https://evil.example", "POST", null)).isEmpty();
    assertThat(c.preflight("https://a.example", "DELETE", null)).isEmpty();
    assertThat(c.actual("https://a.example"))
        .containsEntry("Access-Control-Expose-Headers", "x-id");
  }

  @Test
  void hostNamesAndPathFormsAddressTheFront() {
    String url = "abcdefghijklmnopqrstuvwxyz012345";
    assertThat(FrontAddress.of(url + ".lambda-url.us-east-1.localhost:9070", "/x", "us-east-1"))
        .isEqualTo(
            new FrontAddress(
                FrontAddress.Kind.FUNCTION_URL,
                url,
                "/x",
                url + ".lambda-url.us-east-1.localhost"));
    assertThat(FrontAddress.of("abcde12345.execute-api.localhost", "/p", "us-east-1").kind())
        .isEqualTo(FrontAddress.Kind.HTTP_API);
    FrontAddress p = FrontAddress.of("127.0.0.1:9070", "/_outlet/apis/abcde12345", "us-east-1");
    assertThat(p.path()).isEqualTo("/");
    assertThat(p.domainName()).isEqualTo("abcde12345.execute-api.localhost");
    assertThat(FrontAddress.of("127.0.0.1:9070", "/2015-03-31/functions", "us-east-1")).isNull();
    assertThat(FrontAddress.of("localhost", "/", "us-east-1")).isNull();
  }

  @Test
  void theV2EventCarriesTheContractFields() throws Exception {
    FrontRequest r =
        new FrontRequest(
            "POST",
            "/prod/items/7",
            "a=1&a=2&b=x%20y",
            List.of(
                Map.entry("Host", "abcde12345.execute-api.localhost"),
                Map.entry("X-Multi", "1"),
                Map.entry("X-Multi", "2"),
                Map.entry("Cookie", "c1=v1; c2=v2"),
                Map.entry("Content-Type", "application/octet-stream")),
            "HTTP/1.1",
            "127.0.0.1",
            "abcde12345.execute-api.localhost",
            "abcde12345",
            new byte[] {0, 1, 2},
            1_000L);
    Events.Context c =
        new Events.Context(
            "000000000000",
            "abcde12345",
            "rid",
            "GET /items/{id}",
            "/items/{id}",
            "prod",
            Map.of("id", "7"),
            Map.of("v", "1"),
            null);
    JsonNode e = JSON.readTree(Events.v2(r, c));
    assertThat(e.get("version").asText()).isEqualTo("2.0");
    assertThat(e.get("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
    assertThat(e.get("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
    assertThat(e.get("headers").has("cookie")).isFalse();
    assertThat(e.get("headers").get("x-multi").asText()).isEqualTo("1,2");
    assertThat(e.get("queryStringParameters").toString())
        .isEqualTo("{\"a\":\"1,2\",\"b\":\"x y\"}");
    assertThat(e.get("pathParameters").get("id").asText()).isEqualTo("7");
    assertThat(e.get("stageVariables").get("v").asText()).isEqualTo("1");
    assertThat(e.get("requestContext").get("time").asText())
        .isEqualTo("01/Jan/1970:00:00:01 +0000");
    assertThat(e.get("requestContext").get("http").get("path").asText()).isEqualTo("/prod/items/7");
    assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(e.get("body").asText()).isEqualTo("AAEC");

    JsonNode v1 = JSON.readTree(Events.v1(r, c));
    assertThat(v1.get("resource").asText()).isEqualTo("/items/{id}");
    assertThat(v1.get("httpMethod").asText()).isEqualTo("POST");
    assertThat(v1.get("headers").get("X-Multi").asText()).isEqualTo("2");
    assertThat(v1.get("multiValueHeaders").get("X-Multi").toString()).isEqualTo("[\"1\",\"2\"]");
    assertThat(v1.get("queryStringParameters").get("a").asText()).isEqualTo("2");
    assertThat(v1.get("multiValueQueryStringParameters").get("a").toString())
        .isEqualTo("[\"1\",\"2\"]");
    assertThat(v1.get("requestContext").get("identity").get("sourceIp").asText())
        .isEqualTo("127.0.0.1");
    assertThat(v1.get("requestContext").get("resourcePath").asText()).isEqualTo("/items/{id}");
  }

  @Test
  void aTextBodyArrivesVerbatimWhateverItHoldsAndInvalidUtf8GoesBase64() throws Exception {
    String text = "{\"q\":\"say \\\"hi\\\"\"}\n\ttabs, \u0001 control, é, ✓, 😀";
    byte[] invalid = {'a', (byte) 0xC3, '(', 'b'};
    for (String type : new String[] {"application/json", null}) {
      List<Map.Entry<String, String>> headers =
          type == null ? List.of() : List.of(Map.entry("Content-Type", type));
      for (byte[] body : new byte[][] {text.getBytes(StandardCharsets.UTF_8), invalid}) {
        FrontRequest r =
            new FrontRequest(
                "POST", "/", "", headers, "HTTP/1.1", "127.0.0.1", "a.b", "a", body, 1_000L);
        Events.Context c =
            new Events.Context(
                "000000000000",
                "a",
                "rid",
                "$default",
                "$default",
                "$default",
                Map.of(),
                null,
                null);
        for (JsonNode e : List.of(JSON.readTree(Events.v2(r, c)), JSON.readTree(Events.v1(r, c)))) {
          if (body == invalid) {
            assertThat(e.get("isBase64Encoded").asBoolean()).isTrue();
            assertThat(Base64.getDecoder().decode(e.get("body").asText())).isEqualTo(invalid);
          } else {
            assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
            assertThat(e.get("body").asText()).isEqualTo(text);
          }
        }
      }
    }
  }

  @Test
  void iamPolicyAnswersDenyWinsThenAllowWithWildcards() throws Exception {
    Authorizer a = new Authorizer("a1", "auth", List.of("$request.header.Authorization"), 0, false);
    String arn = "arn:aws:execute-api:us-east-1:000000000000:abcde12345/$default/GET/items";
    String allow =
        "{\"principalId\":\"u\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":[\"arn:aws:execute-api:*:*:abcde12345/*\"]}]},"
            + "\"context\":{\"k\":\"v\"}}";
    Authorizer.Decision d = a.decide(allow.getBytes(StandardCharsets.UTF_8), arn);
    assertThat(d.allowed()).isTrue();
    assertThat(d.context()).containsKey("k").containsEntry("principalId", "u");
    String deny =
        allow.replace(
            "]}]}", "]},{\"Action\":\"*\",\"Effect\":\"Deny\",\"Resource\":\"*/GET/items\"}]}");
    assertThat(a.decide(deny.getBytes(StandardCharsets.UTF_8), arn).allowed()).isFalse();
  }
}
