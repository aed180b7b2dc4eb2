package dev.outlet.server;

import dev.outlet.api.ErrorResponses;
import dev.outlet.api.Ids;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.CappedBody;
import dev.outlet.mappings.EventSourceMappings;
import dev.outlet.sqs.SqsService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.HostAndPort;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster region's front for its queues: SQS requests (either protocol) and event source mapping
 * operations. On the node that owns the queues they go to its {@link QueueOwner.Owned} edge; on any
 * other node they are relayed, as sent (headers, {@code Host} and body untouched, so the owner
 * checks the caller's signature itself), to the owner's API, and its answer comes back as it is.
 * While no owner can be reached (the queues are changing hands) the request gets the service's
 * retryable error: SQS's {@code ServiceUnavailable}, Lambda's {@code ServiceException}. Never
 * blocks: the owner's address is what the last {@link QueueOwner#tick} read.
 */
final class QueueRelay {
  private static final Logger LOG = LoggerFactory.getLogger(QueueRelay.class);

  /** Marks a request a node relayed, which the node it reaches serves or refuses, never relays. */
  static final String RELAYED = "X-Outlet-Relayed";

  /**
   * The largest body relayed: beyond any the queues' services accept (SQS's 2 MiB), so the owner
   * answers an oversized one with its service's error; larger still, a 413 here.
   */
  static final long MAX_BODY = 4L << 20;

  /** How long a relayed request may wait for a word from the owner (beyond a 20 s long poll). */
  static final long IDLE_MILLIS = 60_000;

  private final QueueOwner owner;
  private final AwsEdge unavailable;
  private final RelayedFor relayedFor;
  private final AtomicReference<HttpClientAgent> client = new AtomicReference<>();

  /**
   * {@code unavailable} answers what arrives while no owner can be reached; {@code relayedFor}
   * marks what this node relays and checks the marks of what other nodes relayed here.
   */
  QueueRelay(QueueOwner owner, AwsEdge unavailable, RelayedFor relayedFor) {
    this.owner = owner;
    this.unavailable = unavailable;
    this.relayedFor = relayedFor;
  }

  /** Whether a request is the queues': SQS's, or an event source mapping operation. */
  static boolean claims(HttpServerRequest req) {
    return req.path().startsWith(EventSourceMappings.ROOT) || SqsService.claims(AwsEdge.head(req));
  }

  /** Serves or relays {@code req} when it is the queues'; false (untouched) otherwise. */
  boolean offer(HttpServerRequest req) {
    if (!claims(req)) {
      return false;
    }
    QueueOwner.Owned here = owner.owned();
    if (here != null) {
      vouch(req);
      if (here.edge().offer(req)) {
        return true;
      }
    }
    String to = owner.owner();
    if (to == null || req.getHeader(RELAYED) != null) {
      // no owner known, or this node was named the owner by one whose view is already older than
      // its own: never relayed twice, so two nodes that each see the other as the owner for a
      // moment cannot pass a request back and forth
      return unavailable.offer(req);
    }
    relay(req, to);
    return true;
  }

  /**
   * A request another node relayed is checked as coming from its caller ({@code aws:SourceIp}) when
   * its mark is good; one with no good mark stays the connection's.
   */
  private void vouch(HttpServerRequest req) {
    String mark = req.getHeader(RELAYED);
    if (mark != null) {
      String ip =
          relayedFor.verified(
              mark,
              req.method().name(),
              req.uri(),
              req.getHeader("Authorization"),
              req.getHeader("X-Amz-Date"));
      if (ip != null) {
        req.headers().set(AwsEdge.VOUCHED_SOURCE, ip);
      }
    }
  }

  private void relay(HttpServerRequest req, String to) {
    HostAndPort target;
    try {
      target = HostAndPort.parseAuthority(to, 80);
    } catch (RuntimeException e) {
      target = null;
    }
    if (target == null) {
      LOG.warn("the queues' owner has no usable address: {}", to);
      unavailable.offer(req);
      return;
    }
    req.pause();
    HostAndPort asSent = req.authority();
    client()
        .request(Relaying.request(req, target, IDLE_MILLIS))
        .onFailure(
            e -> {
              LOG.debug("cannot reach the queues' owner at {}: {}", to, e.toString());
              unavailable.offer(req);
              req.resume();
            })
        .onSuccess(
            out -> {
              Relaying.copy(req.headers(), out.headers());
              // not signed by the caller (SigV4 ignores it), signed by the cluster
              out.putHeader(
                  RELAYED,
                  relayedFor.mark(
                      AwsEdge.sourceIp(req),
                      req.method().name(),
                      req.uri(),
                      req.getHeader("Authorization"),
                      req.getHeader("X-Amz-Date")));
              if (asSent != null) {
                out.authority(asSent); // the Host the caller signed
              }
              // whole bodies, each sent in one write: a relayed request costs one more hop, not
              // one more write per piece
              CappedBody.collect(
                  req,
                  MAX_BODY,
                  body ->
                      out.send(body)
                          .compose(answer -> answer.body().map(b -> answer(req, answer, b)))
                          .onFailure(e -> lost(req, to, e)),
                  () -> {
                    out.reset();
                    req.response().setStatusCode(413).end();
                  });
              req.resume();
            });
  }

  private static Void answer(HttpServerRequest req, HttpClientResponse answer, Buffer body) {
    var res = req.response().setStatusCode(answer.statusCode());
    Relaying.copy(answer.headers(), res.headers());
    res.end(body);
    return null;
  }

  /**
   * The owner took the request and gave no answer (it stopped, or the connection broke): whether it
   * ran is not known, so the caller gets the platform's 500 and decides (its SDK retries).
   */
  private static void lost(HttpServerRequest req, String to, Throwable e) {
    LOG.warn("a request relayed to the queues' owner at {} got no answer: {}", to, e.toString());
    if (!req.response().headWritten()) {
      ErrorResponses.send(req.response(), Ids.uuid(), e);
    } else {
      req.connection().close();
    }
  }

  private HttpClientAgent client() {
    HttpClientAgent c = client.get();
    if (c != null) {
      return c;
    }
    HttpClientAgent made =
        Vertx.currentContext()
            .owner()
            .createHttpClient(Relaying.clientOptions(), new PoolOptions().setHttp1MaxSize(64));
    if (client.compareAndSet(null, made)) {
      return made;
    }
    made.close();
    return client.get();
  }

  /** Closes the connections to the owner. */
  void close() {
    HttpClientAgent c = client.getAndSet(null);
    if (c != null) {
      c.close();
    }
  }
}
