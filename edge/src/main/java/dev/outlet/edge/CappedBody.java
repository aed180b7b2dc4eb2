package dev.outlet.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * Collects a request body with a cap enforced while it streams in (chunked bodies included): a
 * declared {@code Content-Length} over the cap is refused before any byte is read; past the cap the
 * rest is discarded and {@code tooLarge} runs once. The one body collector of every surface.
 */
public final class CappedBody {
  private CappedBody() {}

  public static void collect(
      HttpServerRequest req, long limit, Consumer<Buffer> done, Runnable tooLarge) {
    String length = req.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > limit) {
          req.handler(b -> {}).endHandler(v -> {});
          tooLarge.run();
          return;
        }
      } catch (NumberFormatException e) {
        // the HTTP codec refuses it
      }
    }
    Buffer body = Buffer.buffer();
    boolean[] over = {false};
    req.handler(
        chunk -> {
          if (over[0]) {
            return;
          }
          if (body.length() + chunk.length() > limit) {
            over[0] = true;
            tooLarge.run();
            return;
          }
          body.appendBuffer(chunk);
        });
    req.endHandler(
        v -> {
          if (!over[0]) {
            done.accept(body);
          }
        });
  }
}
