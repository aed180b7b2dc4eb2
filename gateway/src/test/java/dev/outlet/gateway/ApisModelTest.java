package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.DefinitionStore;
import dev.outlet.storage.SqliteDefinitions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apigatewayv2 control-plane state over a real SQLite store in a temporary folder. */
class ApisModelTest {
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  @TempDir Path dir;

  private static <T> T json(String s, Class<T> type) throws Exception {
    return ApisModel.MAPPER.readValue(s, type);
  }

  private static HttpApi.Create json(String s) throws Exception {
    return json(s, HttpApi.Create.class);
  }

  private ApisModel model(DefinitionStore store, Catalog catalog) {
    ApisModel m = new ApisModel(store, catalog, "000000000000", () -> 0L);
    m.load(store.loadAll());
    return m;
  }

  @Test
  void quickCreateWritesTheApiIntegrationRouteAndStageTogetherAndReloads() throws Exception {
    String id;
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      ApisModel m = model(store, new Catalog());
      id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .apiId();
      assertThat(store.loadAll()).hasSize(4);
    }
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      assertThat(m.list(id, ChildKind.ROUTES)).hasSize(1);
      Catalog.Api api = catalog.api(id).orElseThrow();
      assertThat(
              api.routes().select("GET", "/x").orElseThrow().target().integration().functionName())
          .isEqualTo("f");
      assertThat(api.stages()).containsKey("$default");
    }
  }

  @Test
  void aReloadPublishesAnotherWritersApisAndWithdrawsTheOnesItDeleted() throws Exception {
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      Catalog here = new Catalog();
      ApisModel reader = model(store, here);
      ApisModel writer = model(store, new Catalog()); // another node writing the same definitions
      String id =
          writer
              .createApi(
                  json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .apiId();
      assertThat(here.api(id)).isEmpty();

      reader.reload();
      assertThat(here.api(id).orElseThrow().routes().select("GET", "/x")).isPresent();
      assertThat(reader.list(id, ChildKind.ROUTES)).hasSize(1);

      writer.deleteApi(id);
      reader.reload();
      assertThat(here.api(id)).isEmpty();
    }
  }

  @Test
  void aRefusedChangeLeavesNothingBehind() throws Exception {
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      String id = m.createApi(json("{\"name\":\"a\",\"protocolType\":\"HTTP\"}")).apiId();
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
                      ChildKind.INTEGRATIONS,
                      json(
                          "{\"integrationType\":\"HTTP_PROXY\",\"integrationUri\":\"http://x\"}",
                          Integration.class)))
          .isInstanceOf(GatewayException.class);
      assertThatThrownBy(
              () ->
                  m.create(
                      id,
                      ChildKind.ROUTES,
                      json(
                          "{\"routeKey\":\"GET /a\",\"target\":\"integrations/zzz\"}",
                          Route.class)))
          .hasMessageContaining("Invalid target");
      assertThat(store.loadAll()).hasSize(before);
      assertThat(m.apis()).hasSize(1);
      assertThat(m.list(id, ChildKind.ROUTES)).isEmpty();
    }
  }

  @Test
  void deletingAnApiRemovesEverythingUnderIt() throws Exception {
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      String id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .apiId();
      m.create(id, ChildKind.STAGES, json("{\"stageName\":\"prod\"}", Stage.class));
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
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      Catalog catalog = new Catalog();
      ApisModel m = model(store, catalog);
      String id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .apiId();
      m.update(
          id,
          ChildKind.STAGES,
          "$default",
          json(
              "{\"defaultRouteSettings\":{\"throttlingBurstLimit\":7,\"throttlingRateLimit\":2.5},"
                  + "\"routeSettings\":{\"$default\":{\"throttlingBurstLimit\":1,\"throttlingRateLimit\":1}}}",
              Stage.class));
      Catalog.Stage stage = catalog.api(id).orElseThrow().stages().get("$default");
      assertThat(stage.defaultBucket().burst()).isEqualTo(7);
      assertThat(stage.defaultBucket().rate()).isEqualTo(2.5);
      assertThat(stage.bucket("$default").burst()).isEqualTo(1);
      assertThat(stage.bucket("GET /other").burst()).isEqualTo(7);
    }
  }

  @Test
  void anIntegrationOrAuthorizerInUseByARouteCannotBeDeleted() throws Exception {
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      ApisModel m = model(store, new Catalog());
      String id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .apiId();
      Integration integration = m.list(id, ChildKind.INTEGRATIONS).get(0);
      Route route = m.list(id, ChildKind.ROUTES).get(0);
      assertThatThrownBy(() -> m.delete(id, ChildKind.INTEGRATIONS, integration.integrationId()))
          .hasMessage(
              "Cannot delete integration "
                  + integration.integrationId()
                  + ": it is used by route "
                  + route.routeId());
      m.delete(id, ChildKind.ROUTES, route.routeId());
      m.delete(id, ChildKind.INTEGRATIONS, integration.integrationId());
      assertThat(m.list(id, ChildKind.INTEGRATIONS)).isEmpty();
      assertThatThrownBy(() -> m.get(id, ChildKind.ROUTES, route.routeId()))
          .hasMessage("Invalid Route identifier specified " + route.routeId());
    }
  }

  @Test
  void aDeploymentWithAStageNameIsRecordedOnThatStage() throws Exception {
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      ApisModel m = model(store, new Catalog());
      String id =
          m.createApi(json("{\"name\":\"q\",\"protocolType\":\"HTTP\",\"target\":\"" + FN + "\"}"))
              .apiId();
      Deployment d =
          m.create(id, ChildKind.DEPLOYMENTS, new Deployment.Request("first", "$default"));
      assertThat(d.deploymentStatus()).isEqualTo("DEPLOYED");
      assertThat(d.description()).isEqualTo("first");
      assertThat(m.get(id, ChildKind.STAGES, "$default").deploymentId())
          .isEqualTo(d.deploymentId());
    }
  }
}
