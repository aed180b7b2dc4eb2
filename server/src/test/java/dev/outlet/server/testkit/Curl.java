package dev.outlet.server.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs /usr/bin/curl and reads its {@code -i} output: status line, headers, body. */
public final class Curl {
  public static final Path CURL = Path.of("/usr/bin/curl");

  private Curl() {}

  public static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl not installed: apt-get install curl");
  }

  /** One exchange as curl printed it. */
  public record Reply(String protocol, int status, List<String[]> headers, String body) {
    /** The first value of a header, case-insensitively, or null. */
    public String header(String name) {
      return headers.stream()
          .filter(h -> h[0].equalsIgnoreCase(name))
          .map(h -> h[1])
          .findFirst()
          .orElse(null);
    }

    public List<String> all(String name) {
      return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
    }
  }

  /** {@code curl -s -i ARGS...}; fails the test when curl itself fails. */
  public static Reply run(String... args) {
    List<String> command =
        new ArrayList<>(List.of(CURL.toString(), "-s", "-S", "-i", "--max-time", "60"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("curl " + String.join(" ", args) + " failed: " + err);
      }
      return parse(new String(out, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Reply parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String head = end < 0 ? raw : raw.substring(0, end);
    String body = end < 0 ? "" : raw.substring(end + 4);
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(
            new String[] {
              lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim()
            });
      }
    }
    return new Reply(
        status[0],
        Integer.parseInt(status[1]),
        headers,
        new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }
}
