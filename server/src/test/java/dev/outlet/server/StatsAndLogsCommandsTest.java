package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code outlet stats} and {@code outlet logs}, run in-process against a real Outlet. */
class StatsAndLogsCommandsTest {
  private static final String STATS_FN = "stats-fn";
  private static final String LOGS_FN = "logs-fn";

  @TempDir static Path root;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
    server.create(STATS_FN, TestZips.bootstrap(Runtimes.crashOnDemand()));
    server.invoke(STATS_FN, "{}"); // cold
    server.invoke(STATS_FN, "{}"); // warm
    server.invoke(STATS_FN, "\"crash\""); // warm, platform error: the sandbox goes
    server.invoke(STATS_FN, "{}"); // cold again
    server.create(LOGS_FN, TestZips.bootstrap(Runtimes.crashOnDemand()));
    server.invoke(LOGS_FN, "{}");
    server.invoke(LOGS_FN, "\"crash\"");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Result(int status, String out, String err) {}

  private static Result run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // Outlet's command line (its subcommands are added by Main.commandLine, not by annotations)
    CommandLine cli = command instanceof Main ? Main.commandLine() : new CommandLine(command);
    int status =
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void statsForOneFunctionShowsInvocationsErrorsPercentilesColdStartsAndCost() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Result r =
                  run(
                      new Main(),
                      "stats",
                      STATS_FN,
                      "--since",
                      "15m",
                      "--endpoint",
                      server.endpoint());
              assertThat(r.status()).as(r.err()).isZero();
              String[] lines = r.out().split("\n");
              assertThat(lines[0]).startsWith("Last 15m (");
              assertThat(lines[1].split("\\s{2,}"))
                  .containsExactly(
                      "FUNCTION",
                      "INVOCATIONS",
                      "ERRORS",
                      "THROTTLES",
                      "P50 MS",
                      "P99 MS",
                      "COLD STARTS",
                      "GB-S",
                      "COST USD");
              String[] row = lines[2].split("\\s{2,}");
              assertThat(row[0]).isEqualTo(STATS_FN);
              assertThat(row[1]).isEqualTo("4");
              assertThat(row[2]).isEqualTo("1 (25.0%)");
              assertThat(row[3]).isEqualTo("0");
              assertThat(Double.parseDouble(row[4])).isPositive();
              assertThat(Double.parseDouble(row[5]))
                  .isGreaterThanOrEqualTo(Double.parseDouble(row[4]));
              assertThat(row[6]).isEqualTo("2 (50.0%)");
              assertThat(Double.parseDouble(row[7])).isPositive();
              assertThat(Double.parseDouble(row[8])).isGreaterThan(4 * 0.20 / 1_000_000);
              assertThat(lines).hasSize(3);
            });
  }

  @Test
  void statsWithoutANameListsEveryFunctionAndTheTotal() {
    Result r = run(new Main(), "stats", "--endpoint", server.endpoint());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("\n" + STATS_FN + " ", "\n" + LOGS_FN + " ", "\nTOTAL ");
    long functions =
        r.out()
            .lines()
            .skip(2)
            .filter(l -> !l.startsWith("TOTAL"))
            .mapToLong(l -> Long.parseLong(l.split("\\s{2,}")[1]))
            .sum();
    String total = r.out().lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
    assertThat(Long.parseLong(total.split("\\s{2,}")[1]))
        .isEqualTo(functions)
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  void statsTellsWhenNoOutletAnswers() {
    Result r = run(new Main(), "stats", "--endpoint", "http://127.0.0.1:1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cannot reach Outlet at http://127.0.0.1:1");
  }

  @Test
  void logsCondenseReportLinesMarkColdStartsAndStayPlainWithoutATerminal() {
    Result r = run(new Main(), "logs", LOGS_FN, "--endpoint", server.endpoint(), "--color", "auto");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("\u001b[", "END RequestId", "REPORT RequestId")
        .contains("COLD START Runtime Version: ")
        .containsPattern("START [0-9a-f-]{36}\n")
        .containsPattern("REPORT [0-9.]+ ms \\(billed \\d+\\) \\d+/128 MB cold [0-9.]+ ms\n")
        .containsPattern(
            "REPORT [0-9.]+ ms \\(billed \\d+\\) \\d+/128 MB error Runtime.ExitError\n")
        .contains("crashing as asked");
  }

  @Test
  void logsHighlightErrorsInRedWhenColorIsOn() {
    Result r =
        run(new Main(), "logs", LOGS_FN, "--endpoint", server.endpoint(), "--color", "always");
    assertThat(r.out())
        .containsPattern("\u001b\\[31mREPORT [^\n]* error Runtime.ExitError\u001b\\[0m")
        .containsPattern("\u001b\\[36mREPORT [^\n]* cold [^\n]*\u001b\\[0m");
  }

  @Test
  void logsFollowPrintsLinesOfInvocationsMadeAfterItStarted() throws Exception {
    String name = "logs-follow";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    server.invoke(name, "{}");
    LogsCommand command = new LogsCommand();
    command.pollEvery = Duration.ofMillis(100);
    StringWriter out = new StringWriter();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> following =
          thread.submit(
              () ->
                  new CommandLine(command)
                      .setOut(new PrintWriter(out, true))
                      .execute(name, "--follow", "--endpoint", server.endpoint()));
      await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains(" cold "));
      String id = server.invoke(name, "{}").responseMetadata().requestId();
      await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("START " + id));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> out.toString().lines().filter(l -> l.contains("REPORT ")).count() == 2);
      following.cancel(true);
    } finally {
      thread.shutdownNow();
      assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(out.toString().lines().filter(l -> l.contains("echo runtime handling")).count())
        .as("each line once")
        .isEqualTo(2);
  }

  @Test
  void reportLinesAreCondensedAsTheBriefShows() {
    String report =
        "REPORT RequestId: 5cb51b31-922f-49e5-be5c-1c808de7814c\tDuration: 3.01 ms\tBilled Duration:"
            + " 4 ms\tMemory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t";
    assertThat(LogLineFormat.condense(report))
        .isEqualTo("REPORT 3.01 ms (billed 4) 36/128 MB cold 110.10 ms");
    assertThat(LogLineFormat.format(0, report, ZoneOffset.UTC, false))
        .isEqualTo("00:00:00.000  REPORT 3.01 ms (billed 4) 36/128 MB cold 110.10 ms");
    assertThat(LogLineFormat.condense("END RequestId: x")).isNull();
    assertThat(LogLineFormat.kind("2026-01-01T00:00:00Z\tid\tERROR\tboom"))
        .isEqualTo(LogLineFormat.Kind.ERROR);
    assertThat(LogsCommand.parseAge("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(LogsCommand.parseAge("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(StatsCommand.money(0.0000021333)).isEqualTo("0.0000021");
    assertThat(StatsCommand.withRate(1, 4)).isEqualTo("1 (25.0%)");
  }
}
