package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON a function printed after a marker ({@code print("EVENT " + json.dumps(event))}), read
 * the way a user reads it: {@code aws logs filter-log-events} on its log group.
 */
public final class PrintedJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrintedJson() {}

  /**
   * What {@code function} printed after {@code marker}, in order, once at least {@code count}
   * arrived (or what arrived within {@code wait}).
   */
  public static List<JsonNode> await(
      AwsCli aws, String function, String marker, int count, Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    List<JsonNode> got = new ArrayList<>();
    while (true) {
      got.clear();
      AwsCli.Run run =
          aws.run("logs", "filter-log-events", "--log-group-name", "/aws/lambda/" + function);
      if (run.exit() == 0) {
        for (JsonNode e : run.json().get("events")) {
          String m = e.get("message").asText();
          if (m.startsWith(marker)) {
            got.add(parse(m.substring(marker.length())));
          }
        }
      }
      if (got.size() >= count || System.nanoTime() > until) {
        return got;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return got;
      }
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
