package dev.outlet.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox's way out to other hosts: slirp4netns attached to its network namespace, a user-mode
 * TCP/IP stack that gives the namespace a {@code tap0} at 10.0.2.100/24 with a gateway at 10.0.2.2,
 * and opens the connections the sandbox asks for as Outlet's sockets on the host. {@code
 * --disable-host-loopback} keeps the host's loopback (other sandboxes' ports, Outlet's own) out of
 * reach; it parses what the sandbox sends, so it runs in a sandbox of its own ({@code
 * --enable-sandbox}: its own mount namespace, all capabilities dropped but binding low ports;
 * {@code --enable-seccomp}). It lives as long as the pipe on its standard input ({@code
 * --exit-fd=0}): closed by {@link #close}, or by the kernel when Outlet dies.
 */
final class Egress implements AutoCloseable {
  private static final long READY_MILLIS = 5_000;

  private final Process process;

  private Egress(Process process) {
    this.process = process;
  }

  /** Starts slirp4netns for the namespace of {@code pid} and waits until the network is up. */
  static Egress start(Path slirp4netns, long pid) throws IOException {
    Process p =
        Spawn.of(
                List.of(
                    slirp4netns.toString(),
                    "--configure",
                    "--mtu=65520",
                    "--disable-host-loopback",
                    "--enable-sandbox", // its own mount namespace, every capability dropped
                    "--enable-seccomp",
                    "--exit-fd=0",
                    "--ready-fd=1",
                    Long.toString(pid),
                    "tap0"))
            .inputPipe()
            .start();
    Egress egress = new Egress(p);
    try {
      egress.awaitReady();
      return egress;
    } catch (IOException | RuntimeException e) {
      egress.close();
      throw e;
    }
  }

  /**
   * slirp4netns writes "1" to its ready descriptor once the namespace's interface is configured.
   */
  private void awaitReady() throws IOException {
    InputStream out = process.getInputStream();
    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> readOne(out));
    int b;
    try {
      b = first.get(READY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("slirp4netns did not configure the sandbox's network in time");
    } catch (ExecutionException e) {
      throw new IOException("slirp4netns failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (b != '1') {
      throw new IOException("slirp4netns exited before the sandbox's network was up");
    }
  }

  /**
   * Reads slirp4netns' standard output up to its ready mark, a "1" written at the start of a line
   * (it prints notices there too, such as seccomp's "WARNING: ..."); '1' when found, else -1.
   */
  private static int readOne(InputStream in) {
    try {
      boolean lineStart = true;
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '1' && lineStart) {
          return b;
        }
        lineStart = b == '\n';
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // its exit descriptor: it ends by itself
    } catch (IOException e) {
      // closed already
    }
    process.onExit().orTimeout(1, TimeUnit.SECONDS).exceptionally(e -> process.destroyForcibly());
  }
}
