package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.api.Ids;
import dev.outlet.edge.CappedBody;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apigatewayv2 REST-JSON control plane under {@code /v2/apis}: CreateApi (with quick create),
 * GetApi(s), UpdateApi, DeleteApi and Create/Get/Update/Delete of integrations, routes, stages and
 * authorizers. Operations block (SQLite) and run on virtual threads; errors are rendered here, in
 * one place, as {@code {"message": ...}} with {@code x-amzn-ErrorType}.
 */
public final class ApisApi implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ApisApi.class);
  private static final int MAX_BODY = 1 << 20;

  private final ApisModel model;
  private final ExecutorService blocking;
  private final UnaryOperator<String> endpointOf;

  ApisApi(ApisModel model, ExecutorService blocking, UnaryOperator<String> endpointOf) {
    this.model = model;
    this.blocking = blocking;
    this.endpointOf = endpointOf;
  }

  /** Whether the path belongs to this API. */
  public static boolean accepts(String path) {
    return path.equals("/v2/apis") || path.startsWith("/v2/apis/");
  }

  /** A reply: status and body (null for none). */
  private record Reply(int status, JsonNode body) {}

  @Override
  public void handle(HttpServerRequest req) {
    String requestId = Ids.uuid();
    String method = req.method().name();
    String path = req.path();
    CappedBody.collect(
        req,
        MAX_BODY,
        body ->
            blocking.execute(
                () -> {
                  Reply reply;
                  try {
                    JsonNode in =
                        body.length() == 0
                            ? ApisModel.MAPPER.createObjectNode()
                            : ApisModel.MAPPER.readTree(body.getBytes());
                    if (in == null || !in.isObject()) {
                      throw GatewayException.badRequest("The request body must be a JSON object");
                    }
                    reply = dispatch(method, path, in);
                  } catch (IOException e) {
                    reply = error(GatewayException.badRequest("Invalid JSON in request body"));
                  } catch (GatewayException e) {
                    reply = error(e);
                  } catch (RuntimeException e) {
                    LOG.error("apigatewayv2 request {} failed", requestId, e);
                    reply = null;
                  }
                  send(req, requestId, reply);
                }),
        () ->
            send(
                req,
                requestId,
                error(new GatewayException(413, "BadRequestException", "Request too large"))));
  }

  private Reply dispatch(String method, String path, JsonNode in) {
    String[] p = path.substring(1).split("/", -1);
    // p[0]="v2", p[1]="apis", p[2]=apiId, p[3]=kind, p[4]=id
    int n = p.length;
    if (n > 2 && p[n - 1].isEmpty()) {
      n--;
    }
    if (n == 2) {
      return switch (method) {
        case "POST" -> new Reply(201, api(model.createApi(in)));
        case "GET" -> new Reply(200, items(model.apis().stream().map(this::api).toList()));
        default -> unknown(method, path);
      };
    }
    String apiId = p[2];
    if (n == 3) {
      return switch (method) {
        case "GET" -> new Reply(200, api(model.getApi(apiId)));
        case "PATCH" -> new Reply(200, api(model.updateApi(apiId, in)));
        case "DELETE" -> {
          model.deleteApi(apiId);
          yield new Reply(204, null);
        }
        default -> unknown(method, path);
      };
    }
    String kind = p[3];
    if (!ApisModel.KINDS.contains(kind) || n > 5) {
      return unknown(method, path);
    }
    if (n == 4) {
      return switch (method) {
        case "POST" -> new Reply(201, model.create(apiId, kind, in));
        case "GET" -> new Reply(200, items(model.list(apiId, kind)));
        default -> unknown(method, path);
      };
    }
    String id = java.net.URLDecoder.decode(p[4], java.nio.charset.StandardCharsets.UTF_8);
    return switch (method) {
      case "GET" -> new Reply(200, model.get(apiId, kind, id));
      case "PATCH" -> new Reply(200, model.update(apiId, kind, id, in));
      case "DELETE" -> {
        model.delete(apiId, kind, id);
        yield new Reply(204, null);
      }
      default -> unknown(method, path);
    };
  }

  private ObjectNode api(ObjectNode doc) {
    ObjectNode out = doc.deepCopy();
    out.put("apiEndpoint", endpointOf.apply(ApiDefinitions.text(doc, "apiId")));
    return out;
  }

  private static ObjectNode items(List<? extends JsonNode> list) {
    ObjectNode out = ApisModel.MAPPER.createObjectNode();
    out.putArray("items").addAll(list);
    return out;
  }

  private static Reply unknown(String method, String path) {
    return error(
        new GatewayException(
            404, "NotFoundException", "Outlet does not serve " + method + " " + path));
  }

  private static Reply error(GatewayException e) {
    ObjectNode body = ApisModel.MAPPER.createObjectNode();
    body.put("message", e.getMessage());
    body.put("__type", e.type());
    return new Reply(-e.status(), body);
  }

  private static void send(HttpServerRequest req, String requestId, Reply reply) {
    var res = req.response();
    if (res.ended() || res.closed()) {
      return;
    }
    res.putHeader("x-amzn-RequestId", requestId).putHeader("Content-Type", "application/json");
    if (reply == null) {
      res.setStatusCode(500)
          .putHeader("x-amzn-ErrorType", "InternalServerErrorException")
          .end("{\"message\":\"Outlet hit an internal error; see its log for details.\"}");
      return;
    }
    if (reply.status() < 0) {
      ObjectNode body = (ObjectNode) reply.body();
      String type = body.remove("__type").asText();
      res.setStatusCode(-reply.status()).putHeader("x-amzn-ErrorType", type).end(body.toString());
      return;
    }
    res.setStatusCode(reply.status());
    if (reply.body() == null) {
      res.end();
    } else {
      res.end(reply.body().toString());
    }
  }
}
