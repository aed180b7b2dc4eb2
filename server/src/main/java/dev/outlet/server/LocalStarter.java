package dev.outlet.server;

import dev.outlet.local.EmbeddedOutlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Gives {@code outlet local start-api} an {@link OutletServer} on loopback with the defaults. */
final class LocalStarter {
  private LocalStarter() {}

  static EmbeddedOutlet start(int port, Path dataDir) throws IOException {
    OutletServer server = OutletServer.start(ServerConfig.defaults(dataDir).withPort(port));
    int bound = URI.create(server.endpoint()).getPort();
    return new EmbeddedOutlet() {
      @Override
      public String endpoint() {
        return server.endpoint();
      }

      @Override
      public int port() {
        return bound;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }
}
