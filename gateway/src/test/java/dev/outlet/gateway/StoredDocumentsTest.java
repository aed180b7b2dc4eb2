package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.core.DefinitionStore;
import dev.outlet.storage.SqliteDefinitions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data directories written before the definitions were records still load: the stored JSON is the
 * API's document, and binding it to the records and writing it back gives the same members.
 */
class StoredDocumentsTest {
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  // Literally what the ObjectNode-based control plane wrote (quick create, then a stage and an
  // authorizer-protected route).
  private static final String API =
      "{\"apiId\":\"a1b2c3d4e5\",\"apiKeySelectionExpression\":\"$request.header.x-api-key\","
          + "\"corsConfiguration\":{\"allowOrigins\":[\"*\"],\"maxAge\":60},"
          + "\"createdDate\":\"2026-11-30T10:00:00Z\",\"disableExecuteApiEndpoint\":false,"
          + "\"name\":\"q\",\"protocolType\":\"HTTP\","
          + "\"routeSelectionExpression\":\"$request.method $request.path\"}";
  private static final String INTEGRATION =
      "{\"apiGatewayManaged\":true,\"connectionType\":\"INTERNET\",\"integrationId\":\"int0001\","
          + "\"integrationMethod\":\"POST\",\"integrationType\":\"AWS_PROXY\",\"integrationUri\":\""
          + FN
          + "\",\"payloadFormatVersion\":\"1.0\",\"timeoutInMillis\":3000}";
  private static final String DEFAULT_ROUTE =
      "{\"apiGatewayManaged\":true,\"apiKeyRequired\":false,\"authorizationType\":\"NONE\","
          + "\"routeId\":\"rte0001\",\"routeKey\":\"$default\",\"target\":\"integrations/int0001\"}";
  private static final String CUSTOM_ROUTE =
      "{\"apiKeyRequired\":false,\"authorizationType\":\"CUSTOM\",\"routeId\":\"rte0002\","
          + "\"authorizerId\":\"auth01\",\"routeKey\":\"GET /private\","
          + "\"target\":\"integrations/int0001\"}";
  private static final String AUTHORIZER =
      "{\"authorizerId\":\"auth01\",\"authorizerResultTtlInSeconds\":300,"
          + "\"authorizerPayloadFormatVersion\":\"2.0\",\"authorizerType\":\"REQUEST\","
          + "\"authorizerUri\":\""
          + FN
          + "\",\"enableSimpleResponses\":true,"
          + "\"identitySource\":[\"$request.header.Authorization\"],\"name\":\"a\"}";
  private static final String STAGE =
      "{\"autoDeploy\":true,\"createdDate\":\"2026-11-30T10:00:00Z\","
          + "\"defaultRouteSettings\":{\"detailedMetricsEnabled\":false,"
          + "\"throttlingBurstLimit\":7,\"throttlingRateLimit\":2.5},"
          + "\"lastUpdatedDate\":\"2026-11-30T10:00:00Z\",\"routeSettings\":{},"
          + "\"stageName\":\"$default\",\"stageVariables\":{\"v\":\"1\"},\"tags\":{},"
          + "\"apiGatewayManaged\":true,\"accessLogSettings\":{\"destinationArn\":"
          + "\"arn:aws:logs:us-east-1:000000000000:log-group:gw\",\"format\":\"$context.requestId\"}}";
  private static final String DEPLOYMENT =
      "{\"autoDeployed\":false,\"createdDate\":\"2026-11-30T10:00:00Z\","
          + "\"deploymentId\":\"dep001\",\"deploymentStatus\":\"DEPLOYED\",\"description\":\"d\"}";
  private static final String URL =
      "{\"UrlId\":\"abcdefghijklmnopqrstuvwxyz012345\",\"FunctionArn\":\""
          + FN
          + "\",\"AuthType\":\"AWS_IAM\",\"Cors\":{\"AllowOrigins\":[\"*\"],\"MaxAge\":10},"
          + "\"InvokeMode\":\"BUFFERED\",\"CreationTime\":\"2026-11-30T10:00:00.123456Z\","
          + "\"LastModifiedTime\":\"2026-11-30T10:00:00.123456Z\"}";

  @TempDir Path dir;

  @Test
  void aDataDirectoryWrittenByTheDocumentControlPlaneLoadsIntoTheRecordsAndCompiles() {
    try (DefinitionStore store = SqliteDefinitions.open(dir.resolve("gateway.db"))) {
      store.write(
          List.of(
              DefinitionStore.Change.put("api", "", "a1b2c3d4e5", API),
              DefinitionStore.Change.put("integrations", "a1b2c3d4e5", "int0001", INTEGRATION),
              DefinitionStore.Change.put("routes", "a1b2c3d4e5", "rte0001", DEFAULT_ROUTE),
              DefinitionStore.Change.put("authorizers", "a1b2c3d4e5", "auth01", AUTHORIZER),
              DefinitionStore.Change.put("routes", "a1b2c3d4e5", "rte0002", CUSTOM_ROUTE),
              DefinitionStore.Change.put("stages", "a1b2c3d4e5", "$default", STAGE),
              DefinitionStore.Change.put("deployments", "a1b2c3d4e5", "dep001", DEPLOYMENT)));
      Catalog catalog = new Catalog();
      ApisModel model = new ApisModel(store, catalog, "000000000000", () -> 0L);
      assertThat(model.load(store.loadAll())).isEqualTo(1);

      assertThat(model.getApi("a1b2c3d4e5").corsConfiguration().maxAge()).isEqualTo(60);
      Route route = model.get("a1b2c3d4e5", ChildKind.ROUTES, "rte0002");
      assertThat(route.authorization()).isEqualTo(new Route.Authorization.Custom("auth01"));
      assertThat(route.to()).isEqualTo(new Route.Target.ToIntegration("int0001"));
      assertThat(model.list("a1b2c3d4e5", ChildKind.DEPLOYMENTS)).hasSize(1);

      Catalog.Api api = catalog.api("a1b2c3d4e5").orElseThrow();
      Catalog.Target open = api.routes().select("POST", "/any").orElseThrow().target();
      assertThat(open.integration()).isEqualTo(new Catalog.Integration("f", true, 3000));
      assertThat(open.authorizer()).isNull();
      Catalog.Target closed = api.routes().select("GET", "/private").orElseThrow().target();
      assertThat(closed.authorizer().id()).isEqualTo("auth01");
      Catalog.Stage stage = api.stages().get("$default");
      assertThat(stage.variables()).containsEntry("v", "1");
      assertThat(stage.defaultBucket().burst()).isEqualTo(7);
      assertThat(stage.logGroup()).isEqualTo("gw");
      assertThat(stage.logFormat()).isEqualTo("$context.requestId");
      assertThat(api.cors().allowOrigins()).containsExactly("*");
    }
  }

  @Test
  void everyStoredDocumentKeepsItsMembersThroughTheRecords() throws Exception {
    assertRoundTrip(API, HttpApi.class);
    assertRoundTrip(INTEGRATION, Integration.class);
    assertRoundTrip(DEFAULT_ROUTE, Route.class);
    assertRoundTrip(CUSTOM_ROUTE, Route.class);
    assertRoundTrip(AUTHORIZER, ApiAuthorizer.class);
    assertRoundTrip(STAGE, Stage.class);
    assertRoundTrip(DEPLOYMENT, Deployment.class);
    assertRoundTrip(URL, FunctionUrlConfig.class);
  }

  @Test
  void aStoredFunctionUrlConfigBindsItsPascalCaseMembers() {
    FunctionUrlConfig url = ApisModel.read(URL, FunctionUrlConfig.class);
    assertThat(url.urlId()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345");
    assertThat(url.authType()).isEqualTo("AWS_IAM");
    assertThat(url.cors().maxAge()).isEqualTo(10);
    assertThat(url.cors().rules().allowOrigins()).containsExactly("*");
  }

  private static void assertRoundTrip(String json, Class<?> type) throws Exception {
    JsonNode before = ApisModel.MAPPER.readTree(json);
    JsonNode after = ApisModel.MAPPER.readTree(ApisModel.write(ApisModel.read(json, type)));
    assertThat(after).as(type.getSimpleName()).isEqualTo(before);
  }
}
