package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.postgres.LocalPostgres;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventBridge schedules in a cluster of three {@code outlet serve --store postgresql://...} nodes
 * on one real PostgreSQL, driven with {@code /usr/bin/aws}: a rule made through one node and its
 * target through another fire each minute once in the whole cluster, on the node that leads the
 * schedules; that node killed with -9, the next minute fires once on one of the others.
 */
class ClusterSchedulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A scheduled function as AWS's documentation writes one: it logs the event's time. */
  private static final byte[] TICK =
      TestZips.zip()
          .file(
              "lambda_function.py",
              """
              def lambda_handler(event, context):
                  print("ticked", event["time"], event["resources"][0])
                  return {"ok": True}
              """,
              0644)
          .bytes();

  @TempDir static Path root;
  private static LocalPostgres postgres;
  private static final List<ServedOutlet> nodes = new ArrayList<>();
  private static final List<AwsCli> clis = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Clusters.assumeTools();
    postgres = LocalPostgres.start();
    String store = postgres.newDatabase();
    nodes.addAll(Clusters.startThree(root, store));
    for (int i = 0; i < 3; i++) {
      clis.add(new AwsCli(nodes.get(i).endpoint(), root.resolve("cli" + i)));
    }
    new CliFunctions(clis.get(0), root.resolve("zips"))
        .create("tick", "python3.11", Clusters.HANDLER, TICK);
  }

  @AfterAll
  static void stop() throws Exception {
    Clusters.stopAll(nodes, postgres);
  }

  @Test
  void aScheduleFiresOncePerMinuteInTheClusterAndGoesOnWhenItsLeaderIsKilled() throws Exception {
    clis.get(1)
        .ok(
            "events",
            "put-rule",
            "--name",
            "every-minute",
            "--schedule-expression",
            "cron(* * * * ? *)");
    clis.get(2)
        .ok(
            "events",
            "put-targets",
            "--rule",
            "every-minute",
            "--targets",
            "Id=t,Arn=arn:aws:lambda:us-east-1:000000000000:function:tick");
    JsonNode listed = clis.get(0).ok("events", "list-targets-by-rule", "--rule", "every-minute");
    assertThat(listed.findValuesAsText("Id")).containsExactly("t");

    // the first minute: one node fires it
    Awaitility.await()
        .atMost(Duration.ofSeconds(75))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ticks(0).size() + ticks(1).size() + ticks(2).size() >= 1);
    Thread.sleep(3_000); // a second firing, were there one, would be logged by now
    int leader = -1;
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> t = ticks(i);
      if (!t.isEmpty()) {
        leader = i;
      }
      first.addAll(t);
    }
    assertThat(first).as("one firing of the minute in the whole cluster").hasSize(1);
    assertThat(first.getFirst())
        .contains("arn:aws:events:us-east-1:000000000000:rule/every-minute");

    // its leader killed, the next minute fires once on one of the others
    nodes.get(leader).killNine();
    List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
    survivors.remove(Integer.valueOf(leader));
    Awaitility.await()
        .atMost(Duration.ofSeconds(75))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ticks(survivors.get(0)).size() + ticks(survivors.get(1)).size() >= 1);
    Thread.sleep(3_000);
    List<String> second = new ArrayList<>(ticks(survivors.get(0)));
    second.addAll(ticks(survivors.get(1)));
    assertThat(second).as("one firing of the next minute").hasSize(1);
    assertThat(second.getFirst()).isNotEqualTo(first.getFirst());
  }

  /** The {@code ticked} lines in node {@code node}'s logs of {@code tick}. */
  private static List<String> ticks(int node) {
    AwsCli.Run run =
        clis.get(node)
            .run(
                "logs",
                "filter-log-events",
                "--log-group-name",
                "/aws/lambda/tick",
                "--filter-pattern",
                "ticked");
    if (run.exit() != 0) {
      assertThat(run.err()).as("no log group yet").contains("ResourceNotFoundException");
      return List.of();
    }
    try {
      List<String> out = new ArrayList<>();
      JSON.readTree(run.out()).get("events").forEach(e -> out.add(e.get("message").asText()));
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
