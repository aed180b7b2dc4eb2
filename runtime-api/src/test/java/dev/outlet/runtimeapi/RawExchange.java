package dev.outlet.runtimeapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request over its own loopback socket, written byte by byte as a test wants it
 * (truncated, oversized, chunked), and the one response read back with a bounded wait. A plain
 * socket, because an HTTP client library would refuse to send the malformed requests.
 */
final class RawExchange implements AutoCloseable {
  static final int WAIT_MILLIS = 5_000;

  /** A parsed response; header names lower-cased. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final Thread writer;
  private volatile IOException writeFailure;

  private RawExchange(Socket socket, Thread writer) {
    this.socket = socket;
    this.writer = writer;
  }

  /**
   * Opens a connection and starts writing {@code head} then {@code body} on a virtual thread (so a
   * server answering before it read the whole body does not block the test).
   *
   * @param body the body, or null; sent chunked when {@code chunked}
   * @param sendOnly how many body bytes to send before stopping (a truncated request), or -1
   */
  static RawExchange send(String address, String head, byte[] body, boolean chunked, int sendOnly)
      throws IOException {
    int colon = address.lastIndexOf(':');
    Socket s = new Socket();
    s.connect(
        new InetSocketAddress(
            address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
        WAIT_MILLIS);
    s.setSoTimeout(WAIT_MILLIS);
    RawExchange[] self = new RawExchange[1];
    Thread writer =
        Thread.ofVirtual()
            .unstarted(
                () -> {
                  try {
                    OutputStream out = s.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    if (body != null) {
                      int n = sendOnly < 0 ? body.length : sendOnly;
                      if (chunked) {
                        for (int off = 0; off < n; off += 65536) {
                          int len = Math.min(65536, n - off);
                          out.write(
                              (Integer.toHexString(len) + "\r\n")
                                  .getBytes(StandardCharsets.ISO_8859_1));
                          out.write(body, off, len);
                          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        if (sendOnly < 0) {
                          out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                      } else {
                        out.write(body, 0, n);
                      }
                    }
                    out.flush();
                  } catch (IOException e) {
                    self[0].writeFailure = e;
                  }
                });
    self[0] = new RawExchange(s, writer);
    writer.start();
    return self[0];
  }

  /** Waits until everything to send has been written (or failed), boundedly. */
  void awaitWritten() throws InterruptedException {
    if (!writer.join(java.time.Duration.ofMillis(WAIT_MILLIS))) {
      throw new AssertionError("the request could not be written within " + WAIT_MILLIS + " ms");
    }
  }

  IOException writeFailure() {
    return writeFailure;
  }

  /** Reads the response; throws {@link SocketTimeoutException} when none comes in time. */
  Response read() throws IOException {
    return readFrom(socket.getInputStream());
  }

  /** Reads one response from a connection the caller owns. */
  static Response readFrom(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("connection closed without a response");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].equals("HTTP/1.1")) {
      throw new AssertionError("malformed status line: " + statusLine);
    }
    Map<String, String> headers = new TreeMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int c = h.indexOf(':');
      if (c <= 0) {
        throw new AssertionError("malformed header: " + h);
      }
      headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body;
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
      if (body.length != Integer.parseInt(length)) {
        throw new AssertionError("body shorter than its Content-Length");
      }
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int n = Integer.parseInt(line(in).trim(), 16);
          n > 0;
          n = Integer.parseInt(line(in).trim(), 16)) {
        b.write(in.readNBytes(n));
        line(in);
      }
      line(in);
      body = b.toByteArray();
    } else {
      body = new byte[0];
    }
    return new Response(Integer.parseInt(parts[1]), headers, body);
  }

  /** Whether the server closed the connection without answering, within the bounded wait. */
  boolean closedWithoutAnswer() throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** Closes the connection, as a runtime that dies or gives up does. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\n') {
        int end = b.length();
        return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
      }
      b.append((char) c);
    }
    return b.isEmpty() ? null : b.toString();
  }
}
