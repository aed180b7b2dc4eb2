package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.api.ErrorResponses;
import dev.outlet.api.Ids;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.RequestIdentity;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/**
 * Lambda's Function URL operations: {@code POST|GET|PUT|DELETE /2021-10-31/functions/{fn}/url} and
 * {@code GET /2021-10-31/functions/{fn}/urls}. Lambda's error shapes, rendered by {@link
 * ErrorResponses}; blocking work on virtual threads.
 */
public final class FunctionUrlsApi implements Handler<HttpServerRequest> {
  private static final String PREFIX = "/2021-10-31/functions/";

  private final FunctionUrlsModel model;
  private final ExecutorService blocking;
  private final Account account;
  private final UnaryOperator<String> urlOf;

  FunctionUrlsApi(
      FunctionUrlsModel model,
      ExecutorService blocking,
      Account account,
      UnaryOperator<String> urlOf) {
    this.model = model;
    this.blocking = blocking;
    this.account = account;
    this.urlOf = urlOf;
  }

  /** Whether the path is a Function URL operation's. */
  public static boolean accepts(String path) {
    return path.startsWith(PREFIX) && (path.endsWith("/url") || path.endsWith("/urls"));
  }

  @Override
  public void handle(HttpServerRequest req) {
    String requestId = Ids.uuid();
    String path = req.path();
    boolean list = path.endsWith("/urls");
    String fn =
        URLDecoder.decode(
            path.substring(PREFIX.length(), path.length() - (list ? 5 : 4)).replace("+", "%2B"),
            StandardCharsets.UTF_8);
    String method = req.method().name();
    String qualifier = req.getParam("Qualifier");
    Account acct =
        account.inRegion(RequestIdentity.of(req::getHeader, req::getParam).regionOr(null));
    CappedBody.collect(
        req,
        1 << 20,
        body ->
            blocking.execute(
                () -> {
                  try {
                    JsonNode in =
                        body.length() == 0
                            ? ApisModel.MAPPER.createObjectNode()
                            : ApisModel.MAPPER.readTree(body.getBytes());
                    int status = 200;
                    JsonNode out;
                    if (list && method.equals("GET")) {
                      List<ObjectNode> docs = model.list(fn, acct);
                      ObjectNode o = ApisModel.MAPPER.createObjectNode();
                      var arr = o.putArray("FunctionUrlConfigs");
                      docs.forEach(d -> arr.add(render(d)));
                      out = o;
                    } else if (list) {
                      throw unknown(method, path);
                    } else {
                      switch (method) {
                        case "POST" -> {
                          status = 201;
                          out = render(model.create(fn, qualifier, in, acct));
                          ((ObjectNode) out).remove("LastModifiedTime");
                        }
                        case "GET" -> out = render(model.get(fn, qualifier, acct));
                        case "PUT" -> out = render(model.update(fn, qualifier, in, acct));
                        case "DELETE" -> {
                          model.delete(fn, qualifier, acct);
                          status = 204;
                          out = null;
                        }
                        default -> throw unknown(method, path);
                      }
                    }
                    var res =
                        req.response()
                            .setStatusCode(status)
                            .putHeader("x-amzn-RequestId", requestId);
                    if (out == null) {
                      res.end();
                    } else {
                      res.putHeader("Content-Type", "application/json").end(out.toString());
                    }
                  } catch (IOException e) {
                    ErrorResponses.send(
                        req.response(),
                        requestId,
                        new LambdaException(
                            dev.outlet.core.ErrorCode.INVALID_REQUEST_CONTENT,
                            "Could not parse request body into json"));
                  } catch (RuntimeException e) {
                    ErrorResponses.send(req.response(), requestId, e);
                  }
                }),
        () ->
            ErrorResponses.send(
                req.response(), requestId, LambdaException.tooLarge("Request too large")));
  }

  private ObjectNode render(ObjectNode doc) {
    ObjectNode out = ApisModel.MAPPER.createObjectNode();
    out.put("FunctionUrl", urlOf.apply(doc.get("UrlId").asText()));
    doc.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("UrlId")) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  private static LambdaException unknown(String method, String path) {
    return new LambdaException(
        dev.outlet.core.ErrorCode.METHOD_NOT_ALLOWED,
        "Outlet does not serve " + method + " " + path);
  }
}
