package dev.outlet.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback to a loopback port that can be {@link #partition partitioned}: while it
 * is, no byte moves either way and new connections wait, as when the network between two machines
 * drops everything (the kernel buffers what the ends send; nothing is reset). {@link #heal} lets
 * the bytes flow again, in order.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean partitioned;
  private volatile boolean closed;

  public TcpProxy(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void partition() {
    partitioned = true;
  }

  public void heal() {
    partitioned = false;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket in = listener.accept();
        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(in);
        sockets.add(out);
        Thread.ofPlatform().daemon().start(() -> pipe(in, out));
        Thread.ofPlatform().daemon().start(() -> pipe(out, in));
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      while (true) {
        waitWhilePartitioned();
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        waitWhilePartitioned(); // read before the partition: held until it heals
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one end closed: close both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void waitWhilePartitioned() throws InterruptedException {
    while (partitioned && !closed) {
      Thread.sleep(20);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    sockets.forEach(TcpProxy::closeQuietly);
  }
}
