package dev.outlet.edge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long an HTTP/1 client may take over a request head, and keep a connection open with no
 * request in flight, on one listener; a client over either limit is disconnected. A request in
 * flight (a parked Runtime API {@code /next}, a 15-minute synchronous Invoke) is never timed here:
 * the timers run only while the server waits for a head.
 *
 * <ol>
 *   <li>{@code head}: from the connection's accept, or from the first byte after the previous
 *       response, to the end of the head (request line and headers). A client sending its head a
 *       byte at a time (slowloris) is cut once {@code head} has passed, whatever its pace.
 *   <li>{@code idle}: from the end of the last response until the next head's first byte; {@link
 *       Duration#ZERO} keeps an idle connection open for as long as the client likes.
 * </ol>
 *
 * <p>Vert.x reports an HTTP/1 connection at accept only without clear-text HTTP/2 (its h2c
 * detection waits for the first 24 bytes), so {@link #applyTo} turns h2c off; HTTP/2 is still
 * offered over TLS by ALPN, where TLS's own handshake timeout bounds the start and these timers do
 * not apply. The timers live on the connection's event loop, which alone touches their state.
 *
 * @param head the longest a request head may take
 * @param idle the longest a connection may wait with no request, or zero for no limit
 */
public record ClientTimeouts(Duration head, Duration idle) {

  /**
   * The AWS-facing ports: 60 s for a head (a few hundred bytes: a client still sending one after a
   * minute is not a client), 120 s idle, longer than the SDKs keep idle connections in their pools
   * (Java's 60 s, Go's 90 s) so that a client never reuses a connection at the moment the server
   * closes it.
   */
  public static final ClientTimeouts API =
      new ClientTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(120));

  /**
   * A sandbox's Runtime API: 60 s for a head, no idle limit (a runtime's keep-alive connection
   * stays open for as long as its sandbox is warm).
   */
  public static final ClientTimeouts RUNTIME_API =
      new ClientTimeouts(Duration.ofSeconds(60), Duration.ZERO);

  /** Names of the two pipeline handlers, before and after the HTTP/1 codec. */
  static final String BYTES = "outletHeadBytes";

  static final String MESSAGES = "outletHeadMessages";

  static final String VERSIONS = "outletHttpVersions";

  public ClientTimeouts {
    if (head.isNegative() || head.isZero() || idle.isNegative()) {
      throw new IllegalArgumentException("head must be positive and idle not negative");
    }
  }

  /** {@code options} without clear-text HTTP/2, so that every connection is seen at accept. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    return options.setHttp2ClearTextEnabled(false);
  }

  /**
   * Times every HTTP/1 connection {@code server} accepts, and answers a request line whose version
   * is not HTTP/1.0 or 1.1 itself (see {@link VersionCheck}); call before it listens.
   */
  public HttpServer guard(HttpServer server) {
    return server.connectionHandler(this::install);
  }

  private void install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get("httpDecoder") == null || pipeline.get("httpEncoder") == null) {
      return; // HTTP/2 over TLS
    }
    Timer timer = new Timer(head.toNanos(), idle.toNanos());
    pipeline.addBefore("httpDecoder", BYTES, timer.bytes());
    pipeline.addAfter("httpEncoder", MESSAGES, timer.messages());
    pipeline.addAfter("httpEncoder", VERSIONS, new VersionCheck());
    timer.start(pipeline.context(BYTES));
  }

  /** One connection's state; touched only on its event loop. */
  private static final class Timer {
    private final long headNanos;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> pending;
    private boolean timingHead;
    private int inFlight; // heads decoded, responses not yet ended
    private boolean readingBody;
    private boolean earlyBytes; // bytes after a body while its response is pending

    Timer(long headNanos, long idleNanos) {
      this.headNanos = headNanos;
      this.idleNanos = idleNanos;
    }

    void start(ChannelHandlerContext context) {
      ctx = context;
      arm(true);
    }

    private void arm(boolean head) {
      cancel();
      long nanos = head ? headNanos : idleNanos;
      if (nanos > 0) {
        timingHead = head;
        pending = ctx.executor().schedule(() -> ctx.channel().close(), nanos, TimeUnit.NANOSECONDS);
      }
    }

    private void cancel() {
      if (pending != null) {
        pending.cancel(false);
        pending = null;
      }
      timingHead = false;
    }

    ChannelInboundHandlerAdapter bytes() {
      return new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
          if (msg instanceof ByteBuf buf && buf.isReadable()) {
            if (inFlight == 0) {
              if (!timingHead) {
                arm(true);
              }
            } else if (!readingBody) {
              earlyBytes = true;
            }
          }
          c.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext c) {
          cancel();
          c.fireChannelInactive();
        }
      };
    }

    ChannelDuplexHandler messages() {
      return new ChannelDuplexHandler() {
        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
          if (msg instanceof HttpRequest) {
            inFlight++;
            cancel();
            earlyBytes = false;
            readingBody = !(msg instanceof LastHttpContent);
          } else if (msg instanceof LastHttpContent) {
            readingBody = false;
          }
          c.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) {
          if (msg instanceof LastHttpContent
              && !(msg instanceof HttpResponse r
                  && r.status().codeClass() == HttpStatusClass.INFORMATIONAL)
              && inFlight > 0
              && --inFlight == 0) {
            arm(earlyBytes);
            earlyBytes = false;
          }
          c.write(msg, promise);
        }
      };
    }
  }

  /**
   * Answers a request whose version is not HTTP/1.0 or 1.1 and closes: 505 HTTP Version Not
   * Supported for a well-formed {@code HTTP/x.y} (RFC 9110 §15.6.6), 400 Bad Request for anything
   * else in the version's place. Vert.x would answer 501 with the client's version bytes copied
   * into its status line. Requests and content after the refused head are dropped.
   */
  static final class VersionCheck extends ChannelInboundHandlerAdapter {
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
      if (refused) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpRequest req && !supported(req.protocolVersion())) {
        refused = true;
        ReferenceCountUtil.release(msg);
        HttpVersion v = req.protocolVersion();
        HttpResponseStatus status =
            v.protocolName().equals("HTTP")
                ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED
                : HttpResponseStatus.BAD_REQUEST;
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        c.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      c.fireChannelRead(msg);
    }

    private static boolean supported(HttpVersion v) {
      return v.equals(HttpVersion.HTTP_1_1) || v.equals(HttpVersion.HTTP_1_0);
    }
  }
}
