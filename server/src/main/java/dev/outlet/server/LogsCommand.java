package dev.outlet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code outlet logs NAME}: a function's log lines for humans, read from a running Outlet through
 * the CloudWatch Logs API (FilterLogEvents on {@code /aws/lambda/NAME}), formatted by {@link
 * LogLineFormat}. With {@code --follow} it polls once a second, as {@code aws logs tail --follow}.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Show a function's logs: REPORT lines condensed, cold starts and errors marked.")
final class LogsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "Logs_20140328.FilterLogEvents";

  /** Lines stored up to this late (other sandboxes' batches) are still shown when following. */
  private static final long LATE_MILLIS = 5_000;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The function name.")
  String name;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines as they arrive.")
  boolean follow;

  @Option(
      names = "--since",
      defaultValue = "10m",
      description = "How far back to start: 30s, 10m, 2h, 1d (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = "--endpoint",
      defaultValue = EndpointClient.DEFAULT_ENDPOINT,
      description = "The running Outlet (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(
      names = "--color",
      defaultValue = "auto",
      description =
          "auto (when stdout is a terminal), always or never (default: ${DEFAULT-VALUE}).")
  String color;

  /** Where the credentials that sign the requests come from ({@code AWS_ACCESS_KEY_ID}, ...). */
  Map<String, String> environment = System.getenv();

  /** How long {@code --follow} waits between polls; tests shorten it. */
  Duration pollEvery = Duration.ofSeconds(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean painted = color.equals("always") || (color.equals("auto") && stdoutIsTerminal());
    EndpointClient client = new EndpointClient(endpoint, environment);
    String group = "/aws/lambda/" + name;
    try {
      deliveryProblem(client).ifPresent(p -> err.println("outlet: " + name + ": " + p));
      long start = System.currentTimeMillis() - parseAge(since).toMillis();
      Map<String, Long> seen = new HashMap<>(); // event ids at or after `start`
      while (true) {
        String token = null;
        do {
          JsonNode page = page(client, group, start, token, follow);
          for (JsonNode e : page.path("events")) {
            long ts = e.path("timestamp").asLong();
            if (seen.putIfAbsent(e.path("eventId").asText(), ts) == null) {
              String line =
                  LogLineFormat.format(
                      ts, e.path("message").asText(), ZoneId.systemDefault(), painted);
              if (line != null) {
                out.println(line);
              }
            }
          }
          out.flush();
          token = page.path("nextToken").asText(null);
        } while (token != null);
        if (!follow) {
          return 0;
        }
        long newest = seen.values().stream().mapToLong(Long::longValue).max().orElse(start);
        start = Math.max(start, newest - LATE_MILLIS); // re-read a little: ids dedupe
        long from = start;
        seen.values().removeIf(ts -> ts < from);
        Thread.sleep(pollEvery.toMillis()); // the polling cadence, as aws logs tail --follow
      }
    } catch (EndpointClient.CliException e) {
      err.println("outlet: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("outlet: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0; // Ctrl-C while following
    }
  }

  /** Why Outlet drops this function's logs, if it does (a role without logs permissions). */
  private java.util.Optional<String> deliveryProblem(EndpointClient client)
      throws EndpointClient.CliException {
    EndpointClient.Response r =
        client.post(
            "logs",
            "application/x-amz-json-1.1",
            LogDeliveryService.TARGET_PREFIX + "GetDeliveryProblem",
            JSON.createObjectNode().put("functionName", name).toString());
    try {
      return r.status() == 200
          ? java.util.Optional.ofNullable(JSON.readTree(r.body()).path("problem").asText(null))
          : java.util.Optional.empty();
    } catch (java.io.IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static JsonNode page(
      EndpointClient client, String group, long start, String token, boolean follow)
      throws EndpointClient.CliException {
    ObjectNode req = JSON.createObjectNode().put("logGroupName", group).put("startTime", start);
    if (token != null) {
      req.put("nextToken", token);
    }
    EndpointClient.Response r =
        client.post("logs", "application/x-amz-json-1.1", TARGET, req.toString());
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new EndpointClient.CliException("unexpected reply from Outlet: HTTP " + r.status());
    }
    if (r.status() == 200) {
      return body;
    }
    String type = body.path("__type").asText("");
    if (type.endsWith("ResourceNotFoundException")) {
      if (follow) {
        return JSON.createObjectNode(); // not invoked yet: keep waiting for its first line
      }
      throw new EndpointClient.CliException(
          "no logs for " + group.substring("/aws/lambda/".length()) + " (it has not run yet?)");
    }
    throw new EndpointClient.CliException(
        "Outlet refused FilterLogEvents: " + type + " " + body.path("message").asText(""));
  }

  /**
   * "90s", "10m", "2h", "1d" or an ISO-8601 duration.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Duration parseAge(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        case 'w' -> Duration.ofDays(7 * n);
        default -> throw new IllegalArgumentException("bad unit");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--since takes a duration such as 30s, 10m, 2h or 1d, not " + text);
    }
  }

  /**
   * Whether stdout is an interactive terminal. Since JDK 22 {@link System#console()} is non-null
   * even on a pipe; {@code Console.isTerminal()} (JDK 22+) tells, looked up reflectively because
   * Outlet compiles for 21.
   */
  static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }
}
