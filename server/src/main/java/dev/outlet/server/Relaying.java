package dev.outlet.server;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Locale;
import java.util.Set;

/**
 * How a node relays a client's request to another node's API (the queues' owner, the node that
 * opened an upload session): its client's settings, the request it sends, which headers it passes
 * on, either way. Pure.
 */
final class Relaying {
  /** Headers of one hop only, never relayed. */
  private static final Set<String> HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "upgrade");

  /** Headers of a body's framing, which each hop writes for the body it sends. */
  private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding");

  private Relaying() {}

  /**
   * A client to other nodes (their APIs, their peer ports): kept-alive connections, headers as
   * large as a client's, bodies as sent.
   */
  static HttpClientOptions clientOptions() {
    return new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout(PeerClient.CONNECT_MILLIS)
        .setMaxHeaderSize(64 * 1024)
        .setDecompressionSupported(false);
  }

  /** {@code req}'s method and target, sent to {@code to}; idle for at most {@code idleMillis}. */
  static RequestOptions request(HttpServerRequest req, HostAndPort to, long idleMillis) {
    return new RequestOptions()
        .setMethod(req.method())
        .setHost(to.host())
        .setPort(to.port())
        .setURI(req.uri())
        .setIdleTimeout(idleMillis);
  }

  /** Copies the end-to-end headers, not those of one hop or of the body's framing. */
  static void copy(MultiMap from, MultiMap to) {
    from.forEach(
        h -> {
          String name = h.getKey().toLowerCase(Locale.ROOT);
          if (!HOP.contains(name) && !FRAMING.contains(name)) {
            to.add(h.getKey(), h.getValue());
          }
        });
  }
}
