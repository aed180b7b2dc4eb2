package dev.outlet.server.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP sink on loopback that records what runtimes POST to it: the side channel through which a
 * sandboxed function (which sees neither the test's files nor its processes) reports what it did.
 * Pass {@link #url()} to the function in an environment variable; it posts with curl.
 */
public final class Recorder implements AutoCloseable {
  /** One request: its path (below the root) and its body. */
  public record Received(String path, String body) {}

  private final HttpServer http;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private Recorder(HttpServer http) {
    this.http = http;
  }

  public static Recorder start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(HostAddress.forSandboxes(), 0), 16);
      Recorder recorder = new Recorder(http);
      http.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            recorder.received.add(
                new Received(
                    exchange.getRequestURI().getPath(), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      http.start();
      return recorder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code http://<address>:<port>}, on an address sandboxes reach ({@link HostAddress}): runtimes
   * POST to {@code <url>/<anything>}.
   */
  public String url() {
    return "http://"
        + http.getAddress().getAddress().getHostAddress()
        + ":"
        + http.getAddress().getPort();
  }

  /** The bodies received at {@code path}, in arrival order. */
  public List<String> bodies(String path) {
    return received.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
