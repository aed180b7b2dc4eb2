package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The apigatewayv2 requests {@code outlet deploy} sends, checked against a small in-memory stand-in
 * for the REST API as AWS defines it (paths, lowerCamelCase members, {@code items} lists). The real
 * gateway is the HTTP front's; this pins the wire shapes and the second-run idempotence.
 */
class HttpApisWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:s-Fn";

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, ObjectNode> apis = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> children = new LinkedHashMap<>();
  private int ids;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/apis", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange x) throws IOException {
    String method = x.getRequestMethod();
    String path = x.getRequestURI().getPath();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
    String[] parts = path.split("/"); // "", v2, apis, {id}, kind, {childId}
    JsonNode in = body.isEmpty() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    int status = 200;
    if (parts.length == 3 && method.equals("GET")) {
      ArrayNode items = out.putArray("items");
      apis.values().forEach(items::add);
    } else if (parts.length == 3 && method.equals("POST")) {
      ObjectNode api = ((ObjectNode) in).deepCopy();
      api.put("apiId", "api" + ++ids);
      apis.put(api.get("apiId").asText(), api);
      out = api;
      status = 201;
    } else if (parts.length == 5) {
      List<ObjectNode> list =
          children.computeIfAbsent(parts[3] + "/" + parts[4], k -> new ArrayList<>());
      if (method.equals("GET")) {
        ArrayNode items = out.putArray("items");
        list.forEach(items::add);
      } else {
        ObjectNode child = ((ObjectNode) in).deepCopy();
        String idField =
            switch (parts[4]) {
              case "integrations" -> "integrationId";
              case "routes" -> "routeId";
              default -> null;
            };
        if (idField != null) {
          child.put(idField, parts[4].charAt(0) + "" + ++ids);
        }
        list.add(child);
        out = child;
        status = 201;
      }
    }
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Test
  void createsTheApiWithAwsShapesAndASecondPlanIsEmpty() throws Exception {
    AwsHttp http = new AwsHttp("http://127.0.0.1:" + server.getAddress().getPort(), "us-east-1");
    HttpApis client = new HttpApis(http);
    List<RoutePlan.WantedRoute> wanted =
        List.of(
            new RoutePlan.WantedRoute("GET /hello", FN, "2.0"),
            new RoutePlan.WantedRoute("ANY /v1", FN, "1.0"));
    assertThat(HttpApis.find(client.apis(), "s", "ServerlessHttpApi", "s-ServerlessHttpApi"))
        .isNull();
    List<RoutePlan.Step> steps =
        RoutePlan.plan("s-ServerlessHttpApi", wanted, RoutePlan.Current.absent());
    String apiId = client.apply(null, "s", "ServerlessHttpApi", steps, line -> {});
    assertThat(apiId).isEqualTo("api1");
    assertThat(requests)
        .containsExactly(
            "GET /v2/apis",
            "POST /v2/apis {\"name\":\"s-ServerlessHttpApi\",\"protocolType\":\"HTTP\",\"tags\":"
                + "{\"outlet:stack\":\"s\",\"outlet:logical-id\":\"ServerlessHttpApi\"}}",
            "POST /v2/apis/api1/integrations {\"integrationType\":\"AWS_PROXY\",\"integrationUri\":\""
                + FN
                + "\",\"payloadFormatVersion\":\"2.0\"}",
            "POST /v2/apis/api1/routes {\"routeKey\":\"GET /hello\",\"target\":\"integrations/i2\"}",
            "POST /v2/apis/api1/integrations {\"integrationType\":\"AWS_PROXY\",\"integrationUri\":\""
                + FN
                + "\",\"payloadFormatVersion\":\"1.0\"}",
            "POST /v2/apis/api1/routes {\"routeKey\":\"ANY /v1\",\"target\":\"integrations/i4\"}",
            "POST /v2/apis/api1/stages {\"stageName\":\"$default\",\"autoDeploy\":true}");
    JsonNode found = HttpApis.find(client.apis(), "s", "ServerlessHttpApi", "s-ServerlessHttpApi");
    assertThat(found.path("apiId").asText()).isEqualTo("api1");
    RoutePlan.Current current = client.current("api1");
    assertThat(current.defaultStage()).isTrue();
    assertThat(RoutePlan.plan("s-ServerlessHttpApi", wanted, current)).isEmpty();
  }
}
