package dev.outlet.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One POST of a telemetry batch to an extension's listener on the sandbox's loopback. The socket is
 * made where the listener is: inside the sandbox's network namespace when it has one ({@link #open}
 * runs on a platform thread for that); the request is then sent from any thread. Bounded: one
 * second to connect, five to answer; a listener that fails loses that batch, as on Lambda.
 */
final class TelemetryPost {
  static final int CONNECT_MS = 1000;
  static final int ANSWER_MS = 5000;

  private final SocketChannel channel;
  private final int port;
  private final String path;

  private TelemetryPost(SocketChannel channel, int port, String path) {
    this.channel = channel;
    this.port = port;
    this.path = path;
  }

  /** Makes the socket; call on a platform thread when {@code namespace} is not null. */
  static TelemetryPost open(NetNamespace namespace, int port, String path) throws IOException {
    SocketChannel channel =
        namespace == null ? SocketChannel.open() : namespace.inside(SocketChannel::open);
    return new TelemetryPost(channel, port, path);
  }

  /** Sends {@code body}; returns the status code, or -1 when the listener could not be reached. */
  int send(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (SocketChannel c = channel) {
      Socket s = c.socket();
      s.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_MS);
      s.setSoTimeout(ANSWER_MS);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: sandbox.localdomain:"
              + port
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + bytes.length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return status(s.getInputStream());
    } catch (IOException e) {
      return -1;
    }
  }

  /** The status code of {@code HTTP/1.1 200 OK}. */
  private static int status(InputStream in) throws IOException {
    byte[] line = new byte[64];
    int n = 0;
    int b;
    while (n < line.length && (b = in.read()) >= 0 && b != '\n') {
      line[n++] = (byte) b;
    }
    String text = new String(line, 0, n, StandardCharsets.US_ASCII);
    String[] parts = text.split(" ");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
