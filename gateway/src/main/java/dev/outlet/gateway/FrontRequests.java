package dev.outlet.gateway;

import dev.outlet.api.Ids;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Caller;
import dev.outlet.edge.RequestVerifier;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what the front needs from a Vert.x request: the addressed host, a detached {@link
 * FrontRequest} (with the headers Lambda adds for Function URLs), and the SigV4 caller. Stateless.
 */
final class FrontRequests {
  private FrontRequests() {}

  /** The host the client addressed: HTTP/2's {@code :authority}, else the Host header. */
  static String host(HttpServerRequest req) {
    var authority = req.authority();
    return authority != null ? authority.host() : req.getHeader("Host");
  }

  static FrontRequest of(HttpServerRequest req, FrontAddress a, Buffer body, boolean functionUrl) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    req.headers().forEach(h -> headers.add(Map.entry(h.getKey(), h.getValue())));
    String sourceIp = req.remoteAddress() == null ? "127.0.0.1" : req.remoteAddress().hostAddress();
    if (functionUrl) {
      boolean tls = req.isSSL();
      headers.add(Map.entry("x-forwarded-proto", tls ? "https" : "http"));
      headers.add(Map.entry("x-forwarded-for", sourceIp));
      headers.add(
          Map.entry(
              "x-forwarded-port",
              Integer.toString(req.localAddress() == null ? 0 : req.localAddress().port())));
      if (tls && req.sslSession() != null) {
        headers.add(Map.entry("x-amzn-tls-version", req.sslSession().getProtocol()));
        headers.add(Map.entry("x-amzn-tls-cipher-suite", req.sslSession().getCipherSuite()));
      }
      headers.add(
          Map.entry(
              "x-amzn-trace-id",
              "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + Ids.hex(24)));
    }
    String query = req.query();
    return new FrontRequest(
        req.method().name(),
        a.path(),
        query == null ? "" : query,
        headers,
        req.version() == HttpVersion.HTTP_2 ? "HTTP/2.0" : "HTTP/1.1",
        sourceIp,
        a.domainName(),
        a.domainName().substring(0, a.domainName().indexOf('.')),
        body.getBytes(),
        System.currentTimeMillis());
  }

  /** A SigV4-signed request (whether the signature is right is the verifier's question). */
  static boolean signed(HttpServerRequest req) {
    return AwsEdge.identity(req).credential() != null;
  }

  /**
   * An {@code AWS_IAM} request's signature, checked by {@code verifier} once its body is in; throws
   * the verifier's {@link dev.outlet.edge.AwsException} when it is wrong.
   */
  static Caller verify(RequestVerifier verifier, HttpServerRequest req, Buffer body) {
    return verifier.verify(AwsEdge.head(req), AwsEdge.identity(req), body.getBytes());
  }

  /** {@code requestContext.authorizer.iam}: the caller, as verified (or named, in open mode). */
  static Map<String, Object> iam(HttpServerRequest req, String accountId, Caller caller) {
    String key = AwsEdge.identity(req).credential().accessKeyId();
    Map<String, Object> iam = new java.util.LinkedHashMap<>();
    iam.put("accessKey", key);
    iam.put("accountId", accountId);
    iam.put("callerId", key);
    iam.put("cognitoIdentity", null);
    iam.put("principalOrgId", null);
    iam.put(
        "userArn",
        caller.verified() ? caller.principalArn() : "arn:aws:iam::" + accountId + ":user/" + key);
    iam.put("userId", key);
    return iam;
  }
}
