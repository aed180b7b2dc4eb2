package dev.outlet.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of Outlet's AWS services: for each request it finds the service and operation (from the
 * head alone, services in order), reads the request identity once, collects the body under the
 * service's cap, has the {@link RequestVerifier} check it, runs the operation on the blocking
 * executor and writes the reply, rendering every failure once in the service's {@link Protocol}.
 *
 * <p>Contract: every request it {@linkplain #offer takes} gets exactly one response; a fault that
 * is not an {@link AwsException} is logged with the request id and answered with the service's
 * generic 500, never with the fault's message. The event loop only routes and collects bytes.
 * Stateless and thread-safe.
 */
public final class AwsEdge {
  private static final Logger LOG = LoggerFactory.getLogger(AwsEdge.class);

  private final List<Service> services;
  private final ExecutorService blocking;
  private final RequestVerifier verifier;
  private final Authorizer authorizer;
  private final String defaultRegion;

  /**
   * @param services asked in order; the first that claims a request serves it
   * @param blocking runs operations (a virtual-thread-per-task executor)
   * @param verifier checks each request's signature
   * @param authorizer decides whether the verified caller may do what each call asks
   * @param defaultRegion the region of unsigned requests
   */
  public AwsEdge(
      List<Service> services,
      ExecutorService blocking,
      RequestVerifier verifier,
      Authorizer authorizer,
      String defaultRegion) {
    this.services = List.copyOf(services);
    this.blocking = blocking;
    this.verifier = verifier;
    this.authorizer = authorizer;
    this.defaultRegion = defaultRegion;
  }

  /** An edge that authorizes everything it verified. */
  public AwsEdge(
      List<Service> services,
      ExecutorService blocking,
      RequestVerifier verifier,
      String defaultRegion) {
    this(services, blocking, verifier, Authorizer.ALLOW_ALL, defaultRegion);
  }

  /** Serves {@code req} when one of the services claims it; false (untouched) otherwise. */
  public boolean offer(HttpServerRequest req) {
    RequestHead head = head(req);
    for (Service service : services) {
      Service.Claim claim = service.claim().apply(head);
      if (claim != null) {
        serve(req, head, service, claim);
        return true;
      }
    }
    return false;
  }

  /**
   * The identity of a Vert.x request. Its query is decoded only when it can hold a presigned
   * signature, so an unsigned request (an SDK's Invoke without credentials, a benchmark) costs no
   * parameter parsing.
   */
  public static RequestIdentity identity(HttpServerRequest req) {
    String rawQuery = req.query();
    return RequestIdentity.of(
        req::getHeader,
        rawQuery == null || !rawQuery.contains("X-Amz-Algorithm")
            ? name -> null
            : Percent.firstValues(rawQuery));
  }

  /** The head of a Vert.x request. */
  public static RequestHead head(HttpServerRequest req) {
    return new RequestHead(
        req.method().name(),
        req.path(),
        req::getHeader,
        Percent.firstValues(req.query()),
        req.query());
  }

  private void serve(
      HttpServerRequest req, RequestHead head, Service service, Service.Claim claim) {
    String requestId = UUID.randomUUID().toString();
    String named = claim instanceof Service.Claim.Named n ? n.operation() : null;
    Map<String, String> labels = claim instanceof Service.Claim.Named n ? n.labels() : Map.of();
    RequestIdentity identity = identity(req);
    Call known =
        new Call(
            named, head, identity, identity.regionOr(defaultRegion), labels, requestId, null, null);
    if (named != null && !service.operations().containsKey(named)) {
      req.handler(b -> {}).endHandler(v -> {});
      fail(req.response(), service, known, service.errors().unknownOperation(named));
      return;
    }
    CappedBody.collect(
        req,
        service.maxBody(),
        body -> {
          try {
            String sourceIp = sourceIp(req);
            blocking.execute(() -> run(req.response(), service, known, body, sourceIp));
          } catch (RejectedExecutionException e) {
            fail(req.response(), service, known, e);
          }
        },
        () ->
            fail(
                req.response(),
                service,
                known,
                service.errors().tooLarge(named, service.maxBody())));
  }

  /**
   * The header under which this process's own code hands the edge a request's original client
   * address, once it has verified it (a request another node relayed): named at random per process,
   * so no client can send it.
   */
  public static final String VOUCHED_SOURCE =
      "X-Outlet-Source-" + java.util.HexFormat.of().formatHex(seed());

  private static byte[] seed() {
    byte[] b = new byte[16];
    new java.security.SecureRandom().nextBytes(b);
    return b;
  }

  /**
   * The client's address ({@code aws:SourceIp}), or null: the one vouched for under {@link
   * #VOUCHED_SOURCE} if any, else the connection's.
   */
  public static String sourceIp(HttpServerRequest req) {
    String vouched = req.getHeader(VOUCHED_SOURCE);
    if (vouched != null) {
      return vouched;
    }
    var remote = req.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  private void run(
      HttpServerResponse res, Service service, Call known, Buffer buffer, String sourceIp) {
    Call call = known;
    try {
      byte[] body = buffer.getBytes();
      String name =
          known.operation() != null ? known.operation() : service.protocol().operationIn(body);
      Caller caller = verifier.verify(known.head(), known.identity(), body);
      call =
          new Call(
              name,
              known.head(),
              known.identity(),
              known.region(),
              known.labels(),
              known.requestId(),
              body,
              service.protocol(),
              caller);
      Operation operation = service.operations().get(name);
      if (operation == null) {
        throw service.errors().unknownOperation(name);
      }
      authorize(service, call, sourceIp);
      Object result = operation.run(call);
      if (result instanceof CompletionStage<?> later) {
        Call parked = call;
        later.whenComplete(
            (value, failure) -> {
              if (failure != null) {
                fail(res, service, parked, failure);
                return;
              }
              try {
                send(res, parked.requestId(), encode(service, parked, value));
              } catch (RuntimeException e) {
                fail(res, service, parked, e);
              }
            });
        return;
      }
      send(res, call.requestId(), encode(service, call, result));
    } catch (Throwable t) {
      fail(res, service, call, t);
    }
  }

  private static Reply encode(Service service, Call call, Object result) {
    return result instanceof Reply r
        ? r
        : service.protocol().encode(result, call.operation(), call.requestId());
  }

  private void authorize(Service service, Call call, String sourceIp) {
    if (authorizer == Authorizer.ALLOW_ALL) {
      return;
    }
    for (Access access : service.access().of(call)) {
      if (authorizer.decide(call.caller(), access, sourceIp)
          instanceof Authorizer.Verdict.Denied denied) {
        throw service.errors().accessDenied(denied.message());
      }
    }
  }

  /** The one place a failure becomes a response. */
  private static void fail(HttpServerResponse res, Service service, Call call, Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    AwsException e = t instanceof AwsException known ? known : service.errors().translate(t);
    if (e == null && t instanceof Protocol.MalformedBody malformed) {
      e = service.errors().malformed(malformed.getMessage());
    } else if (e == null) {
      LOG.error("{} {} (request {}) failed", service.name(), call.operation(), call.requestId(), t);
      e = service.errors().internal(call.requestId());
    }
    send(res, call.requestId(), service.protocol().error(e, call.requestId()));
  }

  /** Writes {@code reply} with its request id, unless the response is already over. */
  public static void send(HttpServerResponse res, String requestId, Reply reply) {
    if (res.ended() || res.closed()) {
      return;
    }
    res.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      res.putHeader(h.getKey(), h.getValue());
    }
    res.putHeader("x-amzn-RequestId", requestId).end(Buffer.buffer(reply.body()));
  }
}
