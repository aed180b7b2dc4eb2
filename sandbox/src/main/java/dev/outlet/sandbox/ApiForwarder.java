package dev.outlet.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outlet's API on a sandbox's own loopback: a listener opened inside the sandbox's network
 * namespace at {@code 127.0.0.1:PORT} (Outlet's own port), each connection relayed to Outlet's
 * listener on the host. Only control-plane calls a function makes pass here (an SDK client with
 * {@code AWS_ENDPOINT_URL}); the Runtime API does not. Virtual threads: one accepting, two per
 * connection.
 */
final class ApiForwarder implements AutoCloseable {
  private final ServerSocketChannel listener;
  private final InetSocketAddress target;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ApiForwarder(ServerSocketChannel listener, InetSocketAddress target) {
    this.listener = listener;
    this.target = target;
  }

  /** Listens inside {@code ns} on the port of {@code target} and starts relaying. */
  static ApiForwarder open(NetNamespace ns, InetSocketAddress target) throws IOException {
    ServerSocketChannel listener =
        ns.inside(
            () -> {
              ServerSocketChannel s = ServerSocketChannel.open();
              try {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort()));
              } catch (IOException e) {
                s.close();
                throw e;
              }
              return s;
            });
    ApiForwarder f = new ApiForwarder(listener, target);
    Thread.ofVirtual().name("outlet-api-forward").start(f::accept);
    return f;
  }

  private void accept() {
    while (!closed) {
      SocketChannel in;
      try {
        in = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(in);
      Thread.ofVirtual().start(() -> relay(in));
    }
  }

  private void relay(SocketChannel in) {
    try (in;
        SocketChannel out = SocketChannel.open(target)) {
      open.add(out);
      Thread back = Thread.ofVirtual().start(() -> copy(out, in));
      copy(in, out);
      back.join();
      open.remove(out);
    } catch (IOException e) {
      // Outlet's API not reachable, or the sandbox hung up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(in);
    }
  }

  private static void copy(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      try {
        to.close();
        from.close();
      } catch (IOException ignored) {
        // both gone
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closed either way
    }
    for (SocketChannel c : open) {
      try {
        c.close();
      } catch (IOException e) {
        // closed either way
      }
    }
  }
}
