package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static RouteTable<String> table(String... keys) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : keys) {
      m.put(k, k);
    }
    return RouteTable.of(m);
  }

  private static String select(RouteTable<String> t, String method, String path) {
    return t.select(method, path).map(RouteTable.Match::routeKey).orElse(null);
  }

  @Test
  void aLiteralSegmentBeatsAParameterWhichBeatsAGreedyVariable() {
    RouteTable<String> t =
        table("ANY /{proxy+}", "GET /items/{id}", "GET /items/special", "$default");
    assertThat(select(t, "GET", "/items/special")).isEqualTo("GET /items/special");
    assertThat(select(t, "GET", "/items/42")).isEqualTo("GET /items/{id}");
    assertThat(select(t, "GET", "/items/42/parts")).isEqualTo("ANY /{proxy+}");
    assertThat(select(t, "POST", "/items/42")).isEqualTo("ANY /{proxy+}");
  }

  @Test
  void aNamedMethodBeatsAnyOnTheSamePath() {
    RouteTable<String> t = table("ANY /items", "POST /items");
    assertThat(select(t, "POST", "/items")).isEqualTo("POST /items");
    assertThat(select(t, "GET", "/items")).isEqualTo("ANY /items");
  }

  @Test
  void defaultAnswersOnlyWhenNothingElseMatches() {
    RouteTable<String> t = table("$default", "GET /a");
    assertThat(select(t, "GET", "/a")).isEqualTo("GET /a");
    assertThat(select(t, "GET", "/b")).isEqualTo("$default");
    assertThat(select(table("GET /a"), "GET", "/b")).isNull();
  }

  @Test
  void greedyVariablesNeedAtLeastOneSegmentAndTakeTheRest() {
    RouteTable<String> t = table("GET /files/{path+}");
    assertThat(select(t, "GET", "/files")).isNull();
    assertThat(select(t, "GET", "/files/")).isNull();
    var m = t.select("GET", "/files/a/b%20c/d").orElseThrow();
    assertThat(m.pathParameters()).containsExactly(Map.entry("path", "a/b c/d"));
  }

  @Test
  void pathParametersAreDecodedAndNamed() {
    var m = table("GET /users/{user}/orders/{order}").select("GET", "/users/al%2Fice/orders/7");
    assertThat(m.orElseThrow().pathParameters())
        .containsExactly(Map.entry("user", "al/ice"), Map.entry("order", "7"));
  }

  @Test
  void theRootPathIsItsOwnRoute() {
    RouteTable<String> t = table("GET /", "GET /{id}");
    assertThat(select(t, "GET", "/")).isEqualTo("GET /");
    assertThat(select(t, "GET", "/x")).isEqualTo("GET /{id}");
  }

  @Test
  void malformedRouteKeysAreRefused() {
    assertThatThrownBy(() -> RouteTable.Key.parse("GET"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RouteTable.Key.parse("FETCH /a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RouteTable.Key.parse("GET /{p+}/x"))
        .hasMessageContaining("Greedy path variable");
    assertThatThrownBy(() -> RouteTable.Key.parse("GET a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
