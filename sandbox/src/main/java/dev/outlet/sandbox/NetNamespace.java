package dev.outlet.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A sandbox's own network namespace, held open by a descriptor. Outlet opens sockets inside it
 * ({@link #inside}): the sandbox's Runtime API listener, so the runtime talks to Outlet over its
 * own loopback with nothing in between, and the forwarder to Outlet's API. A socket keeps the
 * namespace it was created in, whatever thread then uses it.
 *
 * <p>Entering a namespace ({@code setns}) needs root. It changes only the calling thread, which
 * {@link #inside} returns to its own namespace before it returns: call it from platform threads
 * only (a virtual thread may change carriers), and never from an event loop.
 */
public final class NetNamespace implements AutoCloseable {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;
  private static final int CLONE_NEWNET = 0x40000000;

  private final int fd;
  private final long pid;
  private volatile boolean closed;

  private NetNamespace(int fd, long pid) {
    this.fd = fd;
    this.pid = pid;
  }

  /**
   * The network namespace of bubblewrap's sandbox: its child's (bubblewrap itself stays in the
   * host's), once that child exists and the namespace's loopback is up. Waits up to {@code
   * timeoutMillis}.
   *
   * @throws IOException when the child did not appear, left, or shares Outlet's namespace
   */
  static NetNamespace ofSandbox(long bwrapPid, long timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    Path children = Path.of("/proc", Long.toString(bwrapPid), "task", Long.toString(bwrapPid));
    children = children.resolve("children");
    String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    while (true) {
      String list;
      try {
        list = Files.readString(children).trim();
      } catch (NoSuchFileException e) {
        throw new IOException("the sandbox exited before its network was set up");
      }
      if (!list.isEmpty()) {
        long child = Long.parseLong(list.split(" ")[0]);
        Path ns = Path.of("/proc", Long.toString(child), "ns", "net");
        try {
          if (!Files.readSymbolicLink(ns).toString().equals(own)) {
            NetNamespace opened = open(ns, child);
            try {
              if (opened.awaitLoopback(deadline)) {
                return opened;
              }
            } catch (IOException | RuntimeException e) {
              opened.close();
              throw e;
            }
            opened.close();
            throw new IOException("the sandbox's loopback did not come up");
          }
        } catch (NoSuchFileException e) {
          throw new IOException("the sandbox exited before its network was set up");
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("bubblewrap did not make the sandbox's network namespace in time");
      }
      sleepBriefly();
    }
  }

  private static NetNamespace open(Path ns, long pid) throws IOException {
    try {
      return new NetNamespace(Libc.open(ns.toString(), O_RDONLY | O_CLOEXEC), pid);
    } catch (LastErrorException e) {
      throw new IOException("cannot open " + ns + ": errno " + e.getErrorCode(), e);
    }
  }

  /** bubblewrap brings {@code lo} up in the child after making the namespace. */
  private boolean awaitLoopback(long deadline) throws IOException {
    while (true) {
      boolean up = inside(NetNamespace::loopbackRoutes);
      if (up) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleepBriefly();
    }
  }

  /**
   * Whether this thread's namespace routes to 127.0.0.1: a UDP socket's connect (no packet sent)
   * fails with "Network is unreachable" while {@code lo} is down. One socket, where listing the
   * namespace's interfaces ({@code NetworkInterface.getByName}) read every interface and address,
   * polled every 0.2 ms by every start of a burst: 3.4 % of Outlet's samples in a burst of 200.
   */
  private static boolean loopbackRoutes() {
    try (java.nio.channels.DatagramChannel probe =
        java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
      probe.connect(new java.net.InetSocketAddress(LOOPBACK, 9));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static final java.net.InetAddress LOOPBACK = loopback();

  private static java.net.InetAddress loopback() {
    try {
      return java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are an address
    }
  }

  private static void sleepBriefly() throws IOException {
    try {
      Thread.sleep(0, 200_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  /** A process inside the namespace (the sandbox's first process), for slirp4netns. */
  long pid() {
    return pid;
  }

  /**
   * Runs {@code action} on this thread inside the namespace, then returns the thread to the
   * namespace it was in. Sockets {@code action} creates belong to the sandbox's namespace.
   */
  public <T> T inside(Callable<T> action) throws IOException {
    if (closed) {
      throw new IOException("the sandbox's network namespace is closed");
    }
    int home;
    try {
      home = Libc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("cannot open this thread's network namespace", e);
    }
    try {
      try {
        Libc.setns(fd, CLONE_NEWNET);
      } catch (LastErrorException e) {
        throw new IOException("setns into the sandbox's network failed: errno " + e.getErrorCode());
      }
      try {
        return action.call();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      } finally {
        try {
          Libc.setns(home, CLONE_NEWNET);
        } catch (LastErrorException e) {
          // the thread would open every later socket in the sandbox's network: not survivable
          throw new IllegalStateException("cannot return a thread to Outlet's network", e);
        }
      }
    } finally {
      closeQuietly(home);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeQuietly(fd);
    }
  }

  private static void closeQuietly(int fd) {
    try {
      Libc.close(fd);
    } catch (LastErrorException e) {
      // gone either way
    }
  }

  /** The libc calls this needs, bound once by JNA's direct mapping. */
  static final class Libc {
    static {
      Native.register(Libc.class, com.sun.jna.Platform.C_LIBRARY_NAME);
    }

    private Libc() {}

    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
  }
}
