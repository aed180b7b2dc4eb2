package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apigatewayv2 control-plane state over a real SQLite store in a temporary folder. */
class ApisModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  @TempDir Path dir;

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  private ApisModel model(GatewayStore store, Catalog catalog) {
    ApisModel m = new ApisModel(store, catalog, "000000000000", () -> 0L);
    m.load(store.loadAll());
    return m;
  }

  @Test
  void quickCreateWritesTheApiIntegrationRouteAndStageTogetherAndReloads() throws Exception {
    String id;
    try (GatewayStore store = GatewayStore.open(dir)) {
      ApisModel m = model(store, new Catalog());
      id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .get("apiId")
              .asText();
      assertThat(store.loadAll()).hasSize(4);
    }
    try (GatewayStore store = GatewayStore.open(dir)) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      assertThat(m.list(id, "routes")).hasSize(1);
      Catalog.Api api = catalog.api(id).orElseThrow();
      assertThat(
              api.routes().select("GET", "/x").orElseThrow().target().integration().functionName())
          .isEqualTo("f");
      assertThat(api.stages()).containsKey("$default");
    }
  }

  @Test
  void aRefusedChangeLeavesNothingBehind() throws Exception {
    try (GatewayStore store = GatewayStore.open(dir)) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      String id =
          m.createApi(json("{\"name\":\"a\",\"protocolType\":\"HTTP\"}")).get("apiId").asText();
      int before = store.loadAll().size();
      assertThatThrownBy(
              () ->
                  m.createApi(
                      json("{\"name\":\"b\",\"protocolType\":\"HTTP\",\"target\":\"nope\"}")))
          .isInstanceOf(GatewayException.class)
          .hasMessageContaining("Invalid integration URI");
      assertThatThrownBy(
              () ->
                  m.create(
                      id,
                      "integrations",
                      json("{\"integrationType\":\"HTTP_PROXY\",\"integrationUri\":\"http://x\"}")))
          .isInstanceOf(GatewayException.class);
      assertThatThrownBy(
              () ->
                  m.create(
                      id,
                      "routes",
                      json("{\"routeKey\":\"GET /a\",\"target\":\"integrations/zzz\"}")))
          .hasMessageContaining("Invalid target");
      assertThat(store.loadAll()).hasSize(before);
      assertThat(m.apis()).hasSize(1);
      assertThat(m.list(id, "routes")).isEmpty();
    }
  }

  @Test
  void deletingAnApiRemovesEverythingUnderIt() throws Exception {
    try (GatewayStore store = GatewayStore.open(dir)) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      String id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .get("apiId")
              .asText();
      m.create(id, "stages", json("{\"stageName\":\"prod\"}"));
      m.deleteApi(id);
      assertThat(store.loadAll()).isEmpty();
      assertThat(catalog.api(id)).isEmpty();
      assertThatThrownBy(() -> m.getApi(id))
          .isInstanceOf(GatewayException.class)
          .hasMessage("Invalid API identifier specified 000000000000:" + id);
    }
  }

  @Test
  void throttlingSettingsBecomeBucketsPerStageAndRoute() throws Exception {
    try (GatewayStore store = GatewayStore.open(dir)) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      String id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .get("apiId")
              .asText();
      m.update(
          id,
          "stages",
          "$default",
          json(
              "{\"defaultRouteSettings\":{\"throttlingBurstLimit\":7,\"throttlingRateLimit\":2.5},"
                  + "\"routeSettings\":{\"$default\":{\"throttlingBurstLimit\":1,\"throttlingRateLimit\":1}}}"));
      Catalog.Stage stage = catalog.api(id).orElseThrow().stages().get("$default");
      assertThat(stage.defaultBucket().burst()).isEqualTo(7);
      assertThat(stage.defaultBucket().rate()).isEqualTo(2.5);
      assertThat(stage.bucket("$default").burst()).isEqualTo(1);
      assertThat(stage.bucket("GET /other").burst()).isEqualTo(7);
    }
  }
}
