package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {
  private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-12-04T10:15:00Z");

  private final Map<String, SigningKeys.SigningKey> keys = new HashMap<>();
  private Instant now = NOW;
  private final SigV4Verifier verifier =
      new SigV4Verifier(id -> Optional.ofNullable(keys.get(id)), InstantSource.fixed(NOW));

  SigV4VerifierTest() {
    keys.put(KEY, new SigningKeys.SigningKey(KEY, SECRET, null, null, "arn:aws:iam::1:user/a"));
  }

  /** A request as an SDK builds it: headers, then signed with {@code secret} at {@code at}. */
  private final class Req {
    String method = "POST";
    String path = "/2015-03-31/functions/my-function/invocations";
    String query = null;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    Req() {
      headers.put("host", "127.0.0.1:9000");
      headers.put("content-type", "application/json");
    }

    Req sign(String key, String secret, Instant at) {
      String date = SigV4Verifier.amzDate(at);
      headers.put("x-amz-date", date);
      Credential scope = new Credential(key, date.substring(0, 8), "us-east-1", "lambda");
      List<String> signed = headers.keySet().stream().sorted().toList();
      String canonical = SigV4.canonicalRequest(signed(signed), false);
      String sig = SigV4.signature(secret, scope, SigV4.stringToSign(date, scope, canonical));
      headers.put(
          "authorization",
          "AWS4-HMAC-SHA256 Credential="
              + key
              + "/"
              + date.substring(0, 8)
              + "/us-east-1/lambda/aws4_request, SignedHeaders="
              + String.join(";", signed)
              + ", Signature="
              + sig);
      return this;
    }

    private SigV4.Signed signed(List<String> names) {
      return new SigV4.Signed(
          method,
          path,
          query,
          n -> headers.containsKey(n) ? List.of(headers.get(n)) : List.of(),
          names,
          headers.getOrDefault("x-amz-content-sha256", SigV4.sha256Hex(body)));
    }

    RequestHead head() {
      Map<String, String> q = new HashMap<>();
      if (query != null) {
        for (String p : query.split("&")) {
          int eq = p.indexOf('=');
          q.put(
              Percent.decode(eq < 0 ? p : p.substring(0, eq), true),
              eq < 0 ? "" : Percent.decode(p.substring(eq + 1), true));
        }
      }
      return new RequestHead(method, path, n -> headers.get(n.toLowerCase()), q::get, query);
    }

    void verify() {
      RequestHead head = head();
      verifier.verify(head, RequestIdentity.of(head.header(), head.query()), body);
    }
  }

  @Test
  void computesTheSignatureOfAwssDocumentedExample() {
    // The IAM ListUsers request of AWS's "Create a signed AWS API request" walkthrough.
    Map<String, String> h =
        Map.of(
            "content-type", "application/x-www-form-urlencoded; charset=utf-8",
            "host", "iam.amazonaws.com",
            "x-amz-date", "20150830T123600Z");
    String canonical =
        SigV4.canonicalRequest(
            new SigV4.Signed(
                "GET",
                "/",
                "Action=ListUsers&Version=2010-05-08",
                n -> List.of(h.get(n)),
                List.of("content-type", "host", "x-amz-date"),
                SigV4.sha256Hex(new byte[0])),
            false);
    assertThat(SigV4.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    Credential scope = new Credential("AKIDEXAMPLE", "20150830", "us-east-1", "iam");
    assertThat(
            SigV4.signature(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                scope,
                SigV4.stringToSign("20150830T123600Z", scope, canonical)))
        .isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  }

  @Test
  void acceptsARequestSignedWithTheRightSecret() {
    assertThatCode(() -> new Req().sign(KEY, SECRET, NOW).verify()).doesNotThrowAnyException();
  }

  @Test
  void acceptsAQueryWhoseParametersArriveInAnyOrderAndEncoding() {
    Req r = new Req();
    r.method = "GET";
    r.path = "/2015-03-31/functions/";
    r.query = "MaxItems=10&Marker=a%2Fb";
    r.body = new byte[0];
    r.sign(KEY, SECRET, NOW);
    r.query = "Marker=a%2fb&MaxItems=10";
    assertThatCode(r::verify).doesNotThrowAnyException();
  }

  @Test
  void encodesPathSegmentsTwiceAsTheSdksDo() {
    assertThat(SigV4.canonicalPath("/2015-03-31/functions/arn%3Aaws%3Alambda/invocations"))
        .isEqualTo("/2015-03-31/functions/arn%253Aaws%253Alambda/invocations");
    assertThat(SigV4.canonicalPath("/a/./b/../c")).isEqualTo("/a/c");
    assertThat(SigV4.canonicalPath("")).isEqualTo("/");
  }

  @Test
  void refusesAWrongSecretWithTheCanonicalStringItExpected() {
    Req r = new Req().sign(KEY, "not-the-secret", NOW);
    assertThatThrownBy(r::verify)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidSignatureException");
              assertThat(e.queryCode()).isEqualTo("SignatureDoesNotMatch");
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.getMessage())
                  .startsWith("The request signature we calculated does not match")
                  .contains("The Canonical String for this request should have been\n'POST\n");
            });
  }

  @Test
  void refusesABodyChangedAfterSigning() {
    Req r = new Req().sign(KEY, SECRET, NOW);
    r.body = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(r::verify).hasMessageStartingWith("The request signature we calculated");
  }

  @Test
  void refusesAnUnknownKeyAsAnInvalidSecurityToken() {
    Req r = new Req().sign("AKIAUNKNOWNUNKNOWN00", SECRET, NOW);
    assertThatThrownBy(r::verify)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("UnrecognizedClientException");
              assertThat(e.queryCode()).isEqualTo("InvalidClientTokenId");
              assertThat(e.getMessage())
                  .isEqualTo("The security token included in the request is invalid.");
            });
  }

  @Test
  void refusesAnUnsignedRequestAsMissingItsToken() {
    Req r = new Req();
    assertThatThrownBy(r::verify)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("MissingAuthenticationTokenException");
              assertThat(e.getMessage()).isEqualTo("Missing Authentication Token");
            });
  }

  @Test
  void refusesAnAuthorizationHeaderWithoutItsPartsAsIncomplete() {
    Req r = new Req();
    r.headers.put(
        "authorization",
        "AWS4-HMAC-SHA256 Credential=" + KEY + "/20261204/us-east-1/lambda/aws4_request");
    assertThatThrownBy(r::verify)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("IncompleteSignatureException");
              assertThat(e.getMessage())
                  .contains("Authorization header requires 'Signature' parameter.")
                  .contains("Authorization header requires 'SignedHeaders' parameter.")
                  .contains("'X-Amz-Date' or a 'Date' header");
            });
    r.headers.put("authorization", "Bearer abc");
    assertThatThrownBy(r::verify).hasMessageContaining("requires 'Credential' parameter");
  }

  @Test
  void refusesASignatureOlderOrNewerThanFifteenMinutes() {
    assertThatThrownBy(() -> new Req().sign(KEY, SECRET, NOW.minusSeconds(16 * 60)).verify())
        .hasMessage(
            "Signature expired: 20261204T095900Z is now earlier than 20261204T100000Z"
                + " (20261204T101500Z - 15 min.)");
    assertThatThrownBy(() -> new Req().sign(KEY, SECRET, NOW.plusSeconds(16 * 60)).verify())
        .hasMessage(
            "Signature not yet current: 20261204T103100Z is still later than 20261204T103000Z"
                + " (20261204T101500Z + 15 min.)");
    assertThatCode(() -> new Req().sign(KEY, SECRET, NOW.minusSeconds(14 * 60)).verify())
        .doesNotThrowAnyException();
  }

  @Test
  void checksATemporaryKeysSessionTokenAndExpiry() {
    keys.put(
        "ASIATEMPORARYKEY0001",
        new SigningKeys.SigningKey(
            "ASIATEMPORARYKEY0001", SECRET, "the-token", NOW.plusSeconds(60), "arn:aws:sts::1:x"));
    Req good = new Req();
    good.headers.put("x-amz-security-token", "the-token");
    assertThatCode(() -> good.sign("ASIATEMPORARYKEY0001", SECRET, NOW).verify())
        .doesNotThrowAnyException();
    Req wrong = new Req();
    wrong.headers.put("x-amz-security-token", "another");
    assertThatThrownBy(() -> wrong.sign("ASIATEMPORARYKEY0001", SECRET, NOW).verify())
        .hasMessage("The security token included in the request is invalid.");
    keys.put(
        "ASIATEMPORARYKEY0001",
        new SigningKeys.SigningKey(
            "ASIATEMPORARYKEY0001", SECRET, "the-token", NOW, "arn:aws:sts::1:x"));
    assertThatThrownBy(() -> good.sign("ASIATEMPORARYKEY0001", SECRET, NOW).verify())
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("ExpiredTokenException"));
  }

  @Test
  void acceptsAnUnsignedPayloadAndRefusesAHashThatIsNotTheBodys() {
    Req unsigned = new Req();
    unsigned.headers.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    assertThatCode(() -> unsigned.sign(KEY, SECRET, NOW).verify()).doesNotThrowAnyException();
    Req lying = new Req();
    lying.headers.put("x-amz-content-sha256", SigV4.sha256Hex(new byte[0]));
    assertThatThrownBy(() -> lying.sign(KEY, SECRET, NOW).verify())
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.code()).isEqualTo("XAmzContentSHA256Mismatch"));
  }

  @Test
  void requiresTheHostHeaderToBeSigned() {
    Req r = new Req();
    r.headers.remove("host");
    r.sign(KEY, SECRET, NOW);
    r.headers.put("host", "127.0.0.1:9000");
    assertThatThrownBy(r::verify).hasMessageContaining("'Host' or ':authority'");
  }

  @Test
  void checksAPresignedRequestAndItsExpiry() {
    String date = SigV4Verifier.amzDate(NOW.minusSeconds(100));
    Credential scope = new Credential(KEY, date.substring(0, 8), "us-east-1", "lambda");
    String query =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
            + SigV4.encode(KEY + "/" + date.substring(0, 8) + "/us-east-1/lambda/aws4_request")
            + "&X-Amz-Date="
            + date
            + "&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
    Req r = new Req();
    r.method = "GET";
    r.path = "/2015-03-31/functions/";
    r.body = new byte[0];
    r.headers.remove("content-type");
    String canonical =
        SigV4.canonicalRequest(
            new SigV4.Signed(
                "GET",
                r.path,
                query,
                n -> List.of(r.headers.get(n)),
                List.of("host"),
                SigV4.sha256Hex(new byte[0])),
            true);
    String sig = SigV4.signature(SECRET, scope, SigV4.stringToSign(date, scope, canonical));
    r.query = query + "&X-Amz-Signature=" + sig;
    assertThatCode(r::verify).doesNotThrowAnyException();
    SigV4Verifier later =
        new SigV4Verifier(
            id -> Optional.ofNullable(keys.get(id)), InstantSource.fixed(NOW.plusSeconds(300)));
    RequestHead head = r.head();
    assertThatThrownBy(
            () -> later.verify(head, RequestIdentity.of(head.header(), head.query()), r.body))
        .hasMessageStartingWith("Signature expired: " + date);
  }

  @Test
  void answersEveryRandomAuthorizationWithAnAwsErrorNeverAnotherException() {
    Random random = new Random(13);
    String alphabet =
        "AWS4-HMAC-SHA256 Credential=/,;= SignedHeaders Signature%x-amz-date0123456789abcdef";
    for (int i = 0; i < 5_000; i++) {
      Req r = new Req();
      StringBuilder auth = new StringBuilder(random.nextBoolean() ? "AWS4-HMAC-SHA256 " : "");
      int n = random.nextInt(120);
      for (int k = 0; k < n; k++) {
        auth.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      r.headers.put("authorization", auth.toString());
      if (random.nextBoolean()) {
        r.headers.put(
            "x-amz-date", auth.length() > 16 ? auth.substring(0, 16) : "20261204T101500Z");
      }
      r.query = random.nextBoolean() ? "a=%ZZ&%=&&b" : null;
      try {
        r.verify();
      } catch (AwsException expected) {
        assertThat(expected.status()).isBetween(400, 499);
      }
    }
  }
}
