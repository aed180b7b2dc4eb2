package dev.outlet.server;

import dev.outlet.local.EmbeddedOutlet;
import dev.outlet.sandbox.SandboxNetwork;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Gives {@code outlet local start-api} an {@link OutletServer} on loopback with the defaults, but
 * for the sandboxes' network: the host's, as {@code local invoke}'s (a debugger attaches to the
 * function's port on loopback, and the code run is the developer's own).
 */
final class LocalStarter {
  private LocalStarter() {}

  static EmbeddedOutlet start(int port, Path dataDir) throws IOException {
    OutletServer server =
        OutletServer.start(
            ServerConfig.defaults(dataDir)
                .withPort(port)
                .withSandboxNetwork(SandboxNetwork.Mode.HOST));
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
