package dev.outlet.server;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (Debian's) in front of Outlet nodes on loopback: each request goes to the next node
 * (round robin, per request, not per connection), to those whose {@code GET /_outlet/ready} answers
 * 200 (checked every 300 ms, up after two good checks); it logs every request with the node it went
 * to.
 */
final class Balancer implements AutoCloseable {
  static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

  private final Process haproxy;
  private final int port;
  private final Path log;
  private final int servers;

  private Balancer(Process haproxy, int port, Path log, int servers) {
    this.haproxy = haproxy;
    this.port = port;
    this.log = log;
    this.servers = servers;
  }

  /** Skips the calling test, with the reason, where HAProxy is not installed. */
  static void assumeInstalled() {
    assumeThat(Files.isExecutable(HAPROXY))
        .as("HAProxy not installed at /usr/sbin/haproxy: apt-get install haproxy")
        .isTrue();
  }

  /** Starts HAProxy, its files in {@code dir}, in front of the nodes on these loopback ports. */
  static Balancer start(Path dir, List<Integer> ports) throws IOException {
    Files.createDirectories(dir);
    int port = freePort();
    StringBuilder cfg =
        new StringBuilder(
            """
            global
              maxconn 512
              log stdout format raw local0
            defaults
              mode http
              log global
              option httplog
              timeout connect 2s
              timeout client 60s
              timeout server 60s
              retries 3
              retry-on conn-failure
              option redispatch
            frontend lambda
              bind 127.0.0.1:%d
              default_backend nodes
            backend nodes
              balance roundrobin
              option httpchk GET %s
              http-check expect status 200
              default-server inter 300ms fall 1 rise 2
            """
                .formatted(port, EdgeRouter.READY));
    for (int i = 0; i < ports.size(); i++) {
      cfg.append("  server n%d 127.0.0.1:%d check%n".formatted(i, ports.get(i)));
    }
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, cfg.toString());
    Path log = dir.resolve("haproxy.log");
    Process haproxy =
        new ProcessBuilder(HAPROXY.toString(), "-f", file.toString(), "-db")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new Balancer(haproxy, port, log, ports.size());
  }

  /** {@code 127.0.0.1:PORT}, where clients reach the nodes through it. */
  String authority() {
    return "127.0.0.1:" + port;
  }

  String endpoint() {
    return "http://" + authority();
  }

  /**
   * How many requests (not checks) whose line contains {@code part} it sent to each node so far, in
   * the order of their ports.
   */
  List<Integer> requests(String part) throws IOException {
    List<String> lines = Files.readAllLines(log);
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      String server = " nodes/n" + i + " ";
      counts.add((int) lines.stream().filter(l -> l.contains(server) && l.contains(part)).count());
    }
    return counts;
  }

  @Override
  public void close() throws InterruptedException {
    haproxy.destroy();
    if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
      haproxy.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
