package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyResponseTest {
  private static ProxyResponse map(String output, boolean v1) throws ProxyResponse.Malformed {
    return ProxyResponse.map(output.getBytes(StandardCharsets.UTF_8), v1);
  }

  private static String body(ProxyResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void jsonWithoutStatusCodeIsA200JsonBody() throws Exception {
    ProxyResponse r = map("{\"a\":1}", false);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
    assertThat(body(r)).isEqualTo("{\"a\":1}");
    assertThat(body(map("\"hello\"", false))).isEqualTo("hello");
    assertThat(body(map("3", false))).isEqualTo("3");
  }

  @Test
  void aResponseDescriptionSetsStatusHeadersCookiesAndBody() throws Exception {
    ProxyResponse r =
        map(
            "{\"statusCode\":201,\"headers\":{\"X-A\":\"1\",\"X-N\":2},"
                + "\"multiValueHeaders\":{\"X-M\":[\"a\",\"b\"]},"
                + "\"cookies\":[\"s=1\",\"t=2; Path=/\"],\"body\":\"made\"}",
            false);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.headers())
        .containsExactly(
            Map.entry("X-A", "1"),
            Map.entry("X-N", "2"),
            Map.entry("X-M", "a"),
            Map.entry("X-M", "b"),
            Map.entry("Set-Cookie", "s=1"),
            Map.entry("Set-Cookie", "t=2; Path=/"));
    assertThat(body(r)).isEqualTo("made");
  }

  @Test
  void base64BodiesAreDecoded() throws Exception {
    ProxyResponse r =
        map("{\"statusCode\":\"200\",\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}", false);
    assertThat(r.body()).containsExactly(0, 1, 2, 255);
  }

  @Test
  void malformedOutputsAreRefused() {
    assertThatThrownBy(() -> map("not json", false)).isInstanceOf(ProxyResponse.Malformed.class);
    assertThatThrownBy(() -> map("{\"statusCode\":\"abc\"}", false))
        .isInstanceOf(ProxyResponse.Malformed.class);
    assertThatThrownBy(
            () -> map("{\"statusCode\":200,\"body\":\"%%\",\"isBase64Encoded\":true}", false))
        .isInstanceOf(ProxyResponse.Malformed.class);
    assertThatThrownBy(() -> map("{\"a\":1}", true)).isInstanceOf(ProxyResponse.Malformed.class);
  }

  @Test
  void payload10AcceptsAResponseDescription() throws Exception {
    ProxyResponse r = map("{\"statusCode\":404,\"body\":\"gone\"}", true);
    assertThat(r.status()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("gone");
  }

  @Test
  void aStatusCodeAfterOtherMembersStillMakesADescription() throws Exception {
    ProxyResponse r =
        map("{\"headers\":{\"X-A\":\"1\"},\"body\":\"late\",\"statusCode\":202}", false);
    assertThat(r.status()).isEqualTo(202);
    assertThat(body(r)).isEqualTo("late");
  }

  @Test
  void aStatusCodeNestedDeeperIsJustPartOfABody() throws Exception {
    ProxyResponse r = map("{\"inner\":{\"statusCode\":500},\"list\":[{\"statusCode\":1}]}", false);
    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("{\"inner\":{\"statusCode\":500},\"list\":[{\"statusCode\":1}]}");
  }

  @Test
  void malformedJsonAnywhereInABodyIsMalformed() {
    for (String bad : new String[] {"{\"a\":[1,}", "{\"a\":1", "[1,2", "{\"a\" 1}", "", "  "}) {
      assertThatThrownBy(() -> map(bad, false)).as(bad).isInstanceOf(ProxyResponse.Malformed.class);
    }
  }
}
