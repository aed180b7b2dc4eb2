import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive socket, for timing single requests: the
 * JDK's HttpClient hops between its selector and executor threads and adds about a millisecond
 * per request, which would show up in cold-start figures measured in single milliseconds. One
 * instance per thread; not thread-safe. Reconnects when the server closed the connection.
 */
final class RawHttp implements AutoCloseable {
  /** A response: status, headers (lower-case names), body. */
  record Response(int status, Map<String, String> headers, byte[] body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttp(String endpoint) {
    URI u = URI.create(endpoint);
    host = u.getHost();
    port = u.getPort();
  }

  Response request(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    if (socket == null || socket.isClosed()) {
      connect();
    }
    StringBuilder h = new StringBuilder(256);
    h.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host)
        .append(':').append(port).append("\r\nContent-Length: ").append(body.length)
        .append("\r\n");
    headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    Response r;
    try {
      out.write(all);
      out.flush();
      r = read();
    } catch (StaleConnection | java.net.SocketException e) {
      // the server closed the idle connection (its keep-alive limit) before this request: once
      // more on a new one
      close();
      connect();
      out.write(all);
      out.flush();
      r = read();
    }
    if ("close".equalsIgnoreCase(r.headers().get("connection"))) {
      close();
    }
    return r;
  }

  /** Opens the connection now rather than at the first request. */
  void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 30_000);
    socket.setSoTimeout(300_000);
    in = new BufferedInputStream(socket.getInputStream(), 65536);
    out = socket.getOutputStream();
  }

  /** The connection ended before any byte of a response: the server had closed it. */
  private static final class StaleConnection extends IOException {
    StaleConnection() {
      super("connection closed before the response");
    }
  }

  private Response read() throws IOException {
    String status;
    try {
      status = line();
    } catch (IOException e) {
      if ("connection closed".equals(e.getMessage())) {
        throw new StaleConnection();
      }
      throw e;
    }
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("bad status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
      int c = l.indexOf(':');
      headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int n = Integer.parseInt(line().split(";")[0].trim(), 16); n > 0;
          n = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        b.write(in.readNBytes(n));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      body = b.toByteArray();
    } else {
      int n = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = in.readNBytes(n);
      if (body.length < n) {
        throw new IOException("connection closed in the body");
      }
    }
    return new Response(code, headers, body);
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = b.length();
        return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
      }
      b.append((char) c);
    }
    if (b.isEmpty()) {
      throw new IOException("connection closed");
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      // closing
    }
    socket = null;
  }
}
