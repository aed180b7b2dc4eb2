package dev.outlet.server;

import dev.outlet.edge.ClientTimeouts;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The HTTPS listener (HTTP/1.1 and HTTP/2 by ALPN) serving what the HTTP port serves. Its TLS
 * set-up (certificate material, the TLS engine) costs about half a second, so Outlet opens it
 * alongside the rest of its start-up rather than after.
 *
 * @param server the bound listener
 * @param endpoint e.g. {@code https://127.0.0.1:9443}
 * @param tls the certificate and key it serves
 */
record HttpsListener(HttpServer server, String endpoint, TlsMaterial tls) {

  /**
   * Loads or generates the certificate and binds; blocking.
   *
   * @param base the HTTP listener's options (host, limits), copied with TLS on
   * @param handler what every request goes to
   * @param timeouts how long a client may take over a head and stay idle (HTTP/1.1 only)
   * @param host the host as it appears in URLs (IPv6 in brackets)
   * @throws UncheckedIOException if the material cannot be read or made, or the port not bound
   */
  static HttpsListener open(
      Vertx vertx,
      Path dataDir,
      HttpsSettings settings,
      HttpServerOptions base,
      Handler<HttpServerRequest> handler,
      ClientTimeouts timeouts,
      String region,
      String host) {
    try {
      TlsMaterial tls = TlsMaterial.of(dataDir, settings.certificate(), settings.key(), region);
      HttpServer server =
          timeouts
              .guard(
                  vertx.createHttpServer(
                      new HttpServerOptions(base)
                          .setPort(settings.port())
                          .setSsl(true)
                          .setUseAlpn(true)
                          .setKeyCertOptions(
                              new PemKeyCertOptions()
                                  .setCertPath(tls.certificate().toString())
                                  .setKeyPath(tls.key().toString()))))
              .requestHandler(handler);
      HttpServer bound = server.listen().toCompletionStage().toCompletableFuture().join();
      return new HttpsListener(server, "https://" + host + ":" + bound.actualPort(), tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
