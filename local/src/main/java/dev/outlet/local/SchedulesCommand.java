package dev.outlet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.outlet.local.deploy.AwsHttp;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code outlet schedules}: the scheduled rules of a running Outlet and when they fire next. */
@Command(
    name = "schedules",
    description = "Lists scheduled rules: name, expression, state, targets, next fire time (UTC).",
    mixinStandardHelpOptions = true)
public final class SchedulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--endpoint",
      defaultValue = "http://127.0.0.1:9070",
      description = "Outlet's endpoint (default ${DEFAULT-VALUE})")
  String endpoint;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonNode reply;
    try {
      reply =
          new AwsHttp(endpoint, "us-east-1")
              .json11(
                  "events", "OutletEvents.ListSchedules", JsonNodeFactory.instance.objectNode());
    } catch (AwsHttp.ApiException | AwsHttp.UnreachableException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return 1;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "EXPRESSION", "STATE", "TARGET", "NEXT FIRE (UTC)"});
    for (JsonNode s : reply.path("Schedules")) {
      List<String> targets = new ArrayList<>();
      s.path("Targets").forEach(t -> targets.add(shortArn(t.asText())));
      rows.add(
          new String[] {
            s.path("Name").asText(),
            s.path("ScheduleExpression").asText(),
            s.path("State").asText(),
            targets.isEmpty() ? "-" : String.join(",", targets),
            s.hasNonNull("NextFireTime")
                ? java.time.Instant.parse(s.path("NextFireTime").asText())
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString()
                : "-"
          });
    }
    if (rows.size() == 1) {
      out.println("No scheduled rules.");
      out.flush();
      return 0;
    }
    int[] width = new int[5];
    for (String[] r : rows) {
      for (int i = 0; i < 5; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        b.append(i == 4 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
      }
      out.println(b.toString().stripTrailing());
    }
    out.flush();
    return 0;
  }

  private static String shortArn(String arn) {
    int i = arn.indexOf(":function:");
    return i < 0 ? arn : arn.substring(i + ":function:".length());
  }
}
