package dev.outlet.server;

import dev.outlet.registry.UploadHomes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.HostAndPort;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's side of {@link UploadHomes}: the sessions this node opens carry its {@link
 * UploadTag}; a request for a session another node opened goes to that node's API as it arrives
 * (headers and {@code Host} as sent, so its registry checks the login itself; the body streamed
 * with back-pressure, never held here: a layer can be gigabytes), and its answer comes back as it
 * is. Never blocks.
 */
final class UploadRelay implements UploadHomes, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UploadRelay.class);

  /** Marks a request relayed here, which is served or refused, never relayed again. */
  private static final String RELAYED = QueueRelay.RELAYED;

  /** How long a relayed chunk may stall (the client's own pauses included). */
  private static final long IDLE_MILLIS = 120_000;

  private final UploadTag tags;
  private final String tag;
  private final HttpClientAgent client;

  /** {@code address}: where the other nodes reach this node's API ({@code host:port}). */
  UploadRelay(Vertx vertx, PeerWire.Key key, String address) {
    this.tags = new UploadTag(key);
    this.tag = tags.of(address);
    this.client =
        vertx.createHttpClient(Relaying.clientOptions(), new PoolOptions().setHttp1MaxSize(16));
  }

  @Override
  public String tag() {
    return tag;
  }

  @Override
  public boolean relayed(HttpServerRequest req) {
    return req.getHeader(RELAYED) != null;
  }

  @Override
  public boolean relay(HttpServerRequest req, String tag, Consumer<Throwable> failed) {
    String address = tags.address(tag);
    HostAndPort target;
    try {
      target = address == null ? null : HostAndPort.parseAuthority(address, -1);
    } catch (RuntimeException e) {
      target = null;
    }
    if (target == null || target.port() <= 0) {
      return false;
    }
    HostAndPort asSent = req.authority();
    String length = req.getHeader("Content-Length");
    boolean chunked = req.getHeader("Transfer-Encoding") != null;
    client
        .request(Relaying.request(req, target, IDLE_MILLIS))
        .onFailure(failed::accept)
        .onSuccess(
            out -> {
              Relaying.copy(req.headers(), out.headers());
              out.putHeader(RELAYED, "upload");
              if (asSent != null) {
                out.authority(asSent);
              }
              send(req, out, length, chunked)
                  .onSuccess(answer -> answer(req, answer))
                  .onFailure(e -> lost(req, address, e, failed));
            });
    return true;
  }

  /** Sends the request's body as it arrives (none when it has none), framed as it came. */
  private static io.vertx.core.Future<HttpClientResponse> send(
      HttpServerRequest req, HttpClientRequest out, String length, boolean chunked) {
    if (length != null) {
      out.putHeader("Content-Length", length);
      return out.send(req);
    }
    if (chunked) {
      out.setChunked(true);
      return out.send(req);
    }
    req.resume();
    return out.send();
  }

  /** Writes the other node's answer as it arrives, framed as it came (never held here). */
  private static void answer(HttpServerRequest req, HttpClientResponse answer) {
    var res = req.response().setStatusCode(answer.statusCode());
    Relaying.copy(answer.headers(), res.headers());
    String length = answer.getHeader("Content-Length");
    if (length != null) {
      res.putHeader("Content-Length", length);
    } else {
      res.setChunked(true);
    }
    answer.pipeTo(res).onFailure(e -> req.connection().close());
  }

  /**
   * The other node took the request and gave no answer (it stopped, or a connection broke): its
   * session is as good as lost, so the client is told it is unknown (it starts the blob again).
   */
  private static void lost(
      HttpServerRequest req, String address, Throwable e, Consumer<Throwable> failed) {
    LOG.warn("an upload request relayed to {} got no answer: {}", address, e.toString());
    if (!req.response().headWritten()) {
      failed.accept(e);
    } else {
      req.connection().close();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
