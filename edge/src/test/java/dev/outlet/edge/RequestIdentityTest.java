package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestIdentityTest {

  private static RequestIdentity of(Map<String, String> headers, Map<String, String> query) {
    Map<String, String> lower = new HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return RequestIdentity.of(n -> lower.get(n.toLowerCase()), query::get);
  }

  @Test
  void readsTheAuthorizationHeaderAsTheSdksSendIt() {
    RequestIdentity id =
        of(
            Map.of(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/eu-west-1/lambda/aws4_request,"
                    + " SignedHeaders=host;x-amz-date;x-amz-security-token,"
                    + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
                "X-Amz-Date",
                "20261204T101500Z",
                "X-Amz-Security-Token",
                "token"),
            Map.of());
    assertThat(id.scheme()).isEqualTo(RequestIdentity.Scheme.HEADER);
    assertThat(id.credential())
        .isEqualTo(new Credential("AKIDEXAMPLE", "20261204", "eu-west-1", "lambda"));
    assertThat(id.signedHeaders()).containsExactly("host", "x-amz-date", "x-amz-security-token");
    assertThat(id.signature()).startsWith("5d672d79");
    assertThat(id.amzDate()).isEqualTo("20261204T101500Z");
    assertThat(id.sessionToken()).isEqualTo("token");
    assertThat(id.regionOr("us-east-1")).isEqualTo("eu-west-1");
    assertThat(id.service()).isEqualTo("lambda");
  }

  @Test
  void readsAPresignedQuery() {
    RequestIdentity id =
        of(
            Map.of(),
            Map.of(
                "X-Amz-Algorithm", "AWS4-HMAC-SHA256",
                "X-Amz-Credential", "AKID/20261204/ap-south-1/lambda/aws4_request",
                "X-Amz-SignedHeaders", "host",
                "X-Amz-Signature", "abc",
                "X-Amz-Date", "20261204T000000Z"));
    assertThat(id.scheme()).isEqualTo(RequestIdentity.Scheme.PRESIGNED);
    assertThat(id.credential().region()).isEqualTo("ap-south-1");
    assertThat(id.signedHeaders()).containsExactly("host");
    assertThat(id.signature()).isEqualTo("abc");
  }

  @Test
  void anUnsignedOrOddlySignedRequestHasNoCredential() {
    assertThat(of(Map.of(), Map.of())).isEqualTo(RequestIdentity.ANONYMOUS);
    assertThat(of(Map.of("Authorization", "Basic dXNlcjpwYXNz"), Map.of()).credential()).isNull();
    for (String scope :
        List.of(
            "AKID/20261204/us-east-1/lambda", // no terminator
            "AKID/2026120/us-east-1/lambda/aws4_request", // short date
            "AKID/2026120x/us-east-1/lambda/aws4_request",
            "AKID//us-east-1/lambda/aws4_request",
            "/20261204/us-east-1/lambda/aws4_request",
            "AKID/20261204//lambda/aws4_request",
            "AKID/20261204/us-east-1/lambda/aws4_request/extra")) {
      RequestIdentity id =
          of(Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=" + scope), Map.of());
      assertThat(id.scheme()).as(scope).isEqualTo(RequestIdentity.Scheme.HEADER);
      assertThat(id.credential()).as(scope).isNull();
      assertThat(id.regionOr("us-east-1")).as(scope).isEqualTo("us-east-1");
    }
  }

  /** Fuzz: random headers built from the grammar's pieces and noise never throw. */
  @Test
  void neverThrowsOnAnyHeaderOrQuery() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String[] pieces = {
      "AWS4-HMAC-SHA256 ",
      "Credential=",
      "SignedHeaders=",
      "Signature=",
      "/",
      ",",
      ";",
      " ",
      "=",
      "aws4_request",
      "20261204",
      "us-east-1",
      "",
      "\u0000",
      "\uD800",
      "%",
      "AKID"
    };
    for (int i = 0; i < 20_000; i++) {
      StringBuilder auth = new StringBuilder(random.nextBoolean() ? "AWS4-HMAC-SHA256 " : "");
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        auth.append(
            random.nextInt(4) == 0
                ? (char) random.nextInt(0x3000)
                : pieces[random.nextInt(pieces.length)]);
      }
      String value = auth.toString();
      Map<String, String> query = new HashMap<>();
      if (random.nextBoolean()) {
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", value);
        if (random.nextBoolean()) {
          query.put("X-Amz-SignedHeaders", value);
        }
      }
      Map<String, String> headers =
          random.nextBoolean() ? Map.of("Authorization", value) : Map.of();
      assertThatCode(
              () -> {
                RequestIdentity id = of(headers, query);
                id.regionOr("us-east-1");
                id.service();
              })
          .as("seed %d, input %s", seed, value)
          .doesNotThrowAnyException();
    }
  }
}
