package dev.outlet.runtimeapi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Keeps the trailers of a chunked request on one runtime connection, which Vert.x's request drops:
 * a streamed response reports a failure after its first bytes in {@code
 * Lambda-Runtime-Function-Error-Type} and {@code -Body} trailers. Put after the connection's HTTP
 * decoder when a streamed response begins; touched only on the connection's event loop.
 */
final class TrailerCapture extends ChannelInboundHandlerAdapter {
  private static final String NAME = "outlet-trailers";

  private HttpHeaders last = EmptyHttpHeaders.INSTANCE;

  /**
   * The capture of {@code req}'s connection, put in place if it is not there yet (before the body's
   * first chunk is read: the request handler runs as its head is decoded); null when the connection
   * is not an HTTP/1 one Outlet can reach into.
   */
  static TrailerCapture on(HttpServerRequest req) {
    if (!(req.connection() instanceof ConnectionBase base)) {
      return null;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (pipeline.get(NAME) instanceof TrailerCapture existing) {
      return existing;
    }
    if (pipeline.get("httpDecoder") == null) {
      return null;
    }
    TrailerCapture capture = new TrailerCapture();
    pipeline.addAfter("httpDecoder", NAME, capture);
    return capture;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof LastHttpContent end) {
      HttpHeaders trailers = end.trailingHeaders();
      last = trailers.isEmpty() ? EmptyHttpHeaders.INSTANCE : trailers.copy();
    }
    ctx.fireChannelRead(msg);
  }

  /** The trailers of the request body that ended last on the connection (none: empty), once. */
  HttpHeaders take() {
    HttpHeaders t = last;
    last = EmptyHttpHeaders.INSTANCE;
    return t;
  }
}
