package dev.outlet.local;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An Outlet started in this process for {@code local start-api}: the server module provides it
 * (this module cannot depend on the server, which depends on it).
 */
public interface EmbeddedOutlet extends AutoCloseable {

  /** The endpoint URL, e.g. {@code http://127.0.0.1:3000}. */
  String endpoint();

  /** The bound port. */
  int port();

  /** Stops every sandbox and the listener. */
  @Override
  void close();

  /** Starts an Outlet on loopback. */
  @FunctionalInterface
  interface Starter {
    EmbeddedOutlet start(int port, Path dataDir) throws IOException;
  }
}
