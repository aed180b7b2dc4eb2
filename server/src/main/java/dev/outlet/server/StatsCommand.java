package dev.outlet.server;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code outlet stats [NAME]}: invocations, errors, throttles, p50/p99 duration, cold-start rate,
 * billed GB-seconds and estimated cost over a recent window, per function (or for one), read from a
 * running Outlet's CloudWatch metrics API. The window ends with the current minute.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Show invocations, errors, p50/p99 duration, cold starts, GB-s and cost.")
final class StatsCommand implements Callable<Integer> {
  private static final String[] HEADER = {
    "FUNCTION",
    "INVOCATIONS",
    "ERRORS",
    "THROTTLES",
    "P50 MS",
    "P99 MS",
    "COLD STARTS",
    "GB-S",
    "COST USD"
  };
  private static final String[][] STATS = {
    {"inv", "Invocations", "Sum"},
    {"err", "Errors", "Sum"},
    {"thr", "Throttles", "Sum"},
    {"p50", "Duration", "p50"},
    {"p99", "Duration", "p99"},
    {"cold", "ColdStarts", "Sum"},
    {"gbs", "BilledGBSeconds", "Sum"},
    {"cost", "EstimatedCost", "Sum"},
  };

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "One function; without it, every function and the total.")
  String name;

  @Option(
      names = "--since",
      defaultValue = "1h",
      description = "The window: 10m, 1h, 1d, up to 14d (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = "--endpoint",
      defaultValue = EndpointClient.DEFAULT_ENDPOINT,
      description = "The running Outlet (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Duration window = LogsCommand.parseAge(since);
      if (window.toMinutes() < 1 || window.toDays() > 14) {
        throw new IllegalArgumentException("--since must be between 1m and 14d, not " + since);
      }
      long endMinute = Instant.now().getEpochSecond() / 60 + 1; // the current minute included
      Instant end = Instant.ofEpochSecond(endMinute * 60);
      Instant start = end.minus(Duration.ofMinutes(window.toMinutes()));
      CloudWatchQueries cw = new CloudWatchQueries(new EndpointClient(endpoint));
      List<String> scopes = new ArrayList<>();
      if (name != null) {
        scopes.add(name);
      } else {
        scopes.addAll(cw.functions());
        scopes.add(null); // the account
      }
      List<CloudWatchQueries.Query> queries = new ArrayList<>();
      for (int i = 0; i < scopes.size(); i++) {
        for (String[] s : STATS) {
          queries.add(new CloudWatchQueries.Query("s" + i + "_" + s[0], scopes.get(i), s[1], s[2]));
        }
      }
      Map<String, Double> values = cw.values(queries, start, end);
      List<String[]> rows = new ArrayList<>();
      rows.add(HEADER);
      for (int i = 0; i < scopes.size(); i++) {
        rows.add(row(scopes.get(i) == null ? "TOTAL" : scopes.get(i), "s" + i + "_", values));
      }
      out.println("Last " + since + " (" + start + " to now):");
      TextTable.print(out, rows, 1);
      return 0;
    } catch (EndpointClient.CliException e) {
      err.println("outlet: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("outlet: " + e.getMessage());
      return 2;
    }
  }

  private static String[] row(String label, String prefix, Map<String, Double> v) {
    double invocations = v.getOrDefault(prefix + "inv", 0.0);
    return new String[] {
      label,
      Long.toString(Math.round(invocations)),
      withRate(v.getOrDefault(prefix + "err", 0.0), invocations),
      Long.toString(Math.round(v.getOrDefault(prefix + "thr", 0.0))),
      millis(v.get(prefix + "p50")),
      millis(v.get(prefix + "p99")),
      withRate(v.getOrDefault(prefix + "cold", 0.0), invocations),
      String.format(Locale.ROOT, "%.4f", v.getOrDefault(prefix + "gbs", 0.0)),
      money(v.getOrDefault(prefix + "cost", 0.0)),
    };
  }

  /** "2 (40.0%)". */
  static String withRate(double count, double of) {
    long n = Math.round(count);
    return of <= 0
        ? Long.toString(n)
        : String.format(Locale.ROOT, "%d (%.1f%%)", n, 100 * count / of);
  }

  private static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Two significant digits below a cent, else cents: "0.0000021", "1.25". */
  static String money(double usd) {
    if (usd == 0) {
      return "0";
    }
    if (usd >= 0.01) {
      return String.format(Locale.ROOT, "%.2f", usd);
    }
    return new BigDecimal(usd).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }
}
