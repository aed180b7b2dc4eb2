package dev.outlet.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The address of the shared database, as {@code outlet serve --store} takes it and as libpq writes
 * it: {@code postgresql://user[:password]@host[:port]/database[?param=value&...]} ({@code
 * postgres://} too). Parameters other than {@code user} and {@code password} pass to the JDBC
 * driver as they are ({@code sslmode}, {@code connectTimeout}, ...).
 *
 * @param host a name, an IPv4 address or a bracketed IPv6 address
 * @param port 5432 when the address names none
 * @param password null when the address names none
 * @param parameters the driver's, in their order
 */
public record PostgresUrl(
    String user,
    String password,
    String host,
    int port,
    String database,
    Map<String, String> parameters) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.$-]{1,63}");
  private static final int DEFAULT_PORT = 5432;

  public PostgresUrl {
    parameters = Map.copyOf(parameters);
  }

  /**
   * Reads an address.
   *
   * @throws IllegalArgumentException naming what is wrong and the form expected
   */
  public static PostgresUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text, e.getReason());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw invalid(text, "the scheme must be postgresql://");
    }
    if (uri.getHost() == null || uri.getRawAuthority() == null) {
      throw invalid(text, "no host");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (!path.startsWith("/") || !NAME.matcher(path.substring(1)).matches()) {
      throw invalid(text, "no database name after the host (letters, digits, _ . $ -)");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length == 2 ? decode(parts[1]) : null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv[0].isEmpty() || kv.length != 2) {
          throw invalid(text, "a parameter is not name=value: " + pair);
        }
        parameters.put(decode(kv[0]), decode(kv[1]));
      }
    }
    String u = parameters.remove("user");
    String p = parameters.remove("password");
    user = user != null ? user : u;
    password = password != null ? password : p;
    if (user == null || user.isEmpty()) {
      throw invalid(text, "no user (postgresql://USER@host/database)");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new PostgresUrl(user, password, uri.getHost(), port, path.substring(1), parameters);
  }

  /** The JDBC driver's URL: host, port, database and the parameters, without the credentials. */
  public String jdbcUrl() {
    StringBuilder b =
        new StringBuilder("jdbc:postgresql://")
            .append(host)
            .append(':')
            .append(port)
            .append('/')
            .append(database);
    char sep = '?';
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return b.toString();
  }

  /** The address without its password, for logs and messages. */
  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(
          s.replace("+", "%2B"), StandardCharsets.UTF_8); // libpq: no + for space
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a bad %-escape in the store address: " + e.getMessage());
    }
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String text, String why) {
    String shown = text.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
    return new IllegalArgumentException(
        "the store address "
            + shown
            + " is not valid: "
            + why
            + "; write postgresql://user[:password]@host[:port]/database");
  }
}
