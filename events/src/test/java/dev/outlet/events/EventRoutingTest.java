package dev.outlet.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events put on buses over a real SQLite store: rules of the event's bus whose pattern matches send
 * it to their targets, with the input each target asks for; buses and pattern rules survive a
 * reopen, and a store written before buses existed opens with its rules on the default bus.
 */
class EventRoutingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";
  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  @TempDir Path dir;
  private RuleStore store;
  private final List<String> sent = new ArrayList<>();
  private EventRouter router;

  @BeforeEach
  void open() {
    store = RuleStore.open(dir);
    router = router(store);
  }

  private EventRouter router(RuleStore s) {
    return new EventRouter(
        s,
        (rule, target, payload) -> {
          sent.add(
              rule.name() + "|" + target.id() + "|" + new String(payload, StandardCharsets.UTF_8));
          return true;
        },
        "us-east-1",
        "000000000000");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static JsonNode event(String source, String detail) throws Exception {
    return JSON.readTree(
        "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"Order Placed\",\"source\":\""
            + source
            + "\",\"account\":\"000000000000\",\"time\":\"2026-12-05T10:00:00Z\","
            + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":"
            + detail
            + "}");
  }

  @Test
  void onlyMatchingEnabledRulesOfTheEventsBusSendIt() throws Exception {
    store.createBus("orders", null, AT);
    store.put(
        "orders",
        "big",
        null,
        "{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}",
        true,
        null,
        AT);
    store.put("orders", "off", null, "{\"source\":[\"shop\"]}", false, null, AT);
    store.put(Rule.DEFAULT_BUS, "elsewhere", null, "{\"source\":[\"shop\"]}", true, null, AT);
    for (String rule : List.of("big", "off")) {
      store.putTargets("orders", rule, List.of(new Rule.Target("t", FN, null, "$.detail", null)));
    }
    store.putTargets(
        Rule.DEFAULT_BUS, "elsewhere", List.of(new Rule.Target("t", FN, "{\"fixed\":1}")));

    assertThat(router.route("orders", event("shop", "{\"id\":\"A1\",\"total\":150}"))).isOne();
    assertThat(router.route("orders", event("shop", "{\"id\":\"A2\",\"total\":50}"))).isZero();
    assertThat(router.route("orders", event("bank", "{\"id\":\"A3\",\"total\":500}"))).isZero();
    assertThat(sent).containsExactly("big|t|{\"id\":\"A1\",\"total\":150}");
    router.route(Rule.DEFAULT_BUS, event("shop", "{}"));
    assertThat(sent).last().isEqualTo("elsewhere|t|{\"fixed\":1}");
  }

  @Test
  void aTransformerFillsItsTemplateInsideAndOutsideStrings() throws Exception {
    var t =
        new Rule.InputTransformer(
            Map.of("id", "$.detail.id", "total", "$.detail.total", "gone", "$.detail.nothing"),
            "{\"order\": <id>, \"say\": \"order <id> of <total> by <aws.events.rule-name>\","
                + " \"missing\": <gone>, \"empty\": \"<gone>\"}");
    String out =
        TargetInput.template(
            t, event("shop", "{\"id\":\"A\\\"1\",\"total\":150}"), "big", "arn:rule");
    JsonNode parsed = JSON.readTree(out);
    assertThat(parsed.get("order").asText()).isEqualTo("A\"1");
    assertThat(parsed.get("say").asText()).isEqualTo("order A\"1 of 150 by big");
    assertThat(parsed.get("missing").isNull()).isTrue();
    assertThat(parsed.get("empty").asText()).isEmpty();
    // a plain-text template (quoted, as AWS requires) and the whole event
    assertThat(
            TargetInput.template(
                new Rule.InputTransformer(Map.of("s", "$.source"), "\"from <s>\""),
                event("shop", "{}"),
                "r",
                "a"))
        .isEqualTo("\"from shop\"");
    assertThat(
            JSON.readTree(
                    TargetInput.template(
                        new Rule.InputTransformer(Map.of(), "<aws.events.event.json>"),
                        event("shop", "{}"),
                        "r",
                        "a"))
                .get("source")
                .asText())
        .isEqualTo("shop");
  }

  @Test
  void jsonPathsNameFieldsAndIndexes() throws Exception {
    JsonNode e = event("shop", "{\"items\":[{\"sku\":\"x\"}],\"odd key\":1}");
    assertThat(JsonPaths.eval("$.detail.items[0].sku", e).asText()).isEqualTo("x");
    assertThat(JsonPaths.eval("$.detail['odd key']", e).asInt()).isEqualTo(1);
    assertThat(JsonPaths.eval("$", e)).isSameAs(e);
    assertThat(JsonPaths.eval("$.detail.nothing.deeper", e)).isNull();
    assertThat(JsonPaths.valid("detail")).isFalse();
    assertThat(JsonPaths.valid("$.a[x]")).isFalse();
    assertThat(JsonPaths.valid("$..a")).isFalse();
  }

  @Test
  void busesPatternRulesAndTransformersSurviveAReopen() {
    store.createBus("orders", "the shop's", AT);
    store.put("orders", "big", null, "{\"source\":[\"shop\"]}", true, "d", AT);
    var transformer = new Rule.InputTransformer(Map.of("id", "$.id"), "{\"id\": <id>}");
    store.putTargets("orders", "big", List.of(new Rule.Target("t", FN, null, null, transformer)));
    store.close();
    store = RuleStore.open(dir);
    assertThat(store.buses()).containsExactly(new RuleStore.Bus("orders", "the shop's", AT));
    Rule r = store.find("orders", "big").orElseThrow();
    assertThat(r.pattern()).isEqualTo("{\"source\":[\"shop\"]}");
    assertThat(r.targets()).containsExactly(new Rule.Target("t", FN, null, null, transformer));
    assertThat(r.arn("us-east-1", "000000000000"))
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders/big");
    store.deleteBus("orders");
    assertThat(store.all()).isEmpty();
    assertThat(store.buses()).isEmpty();
  }

  /**
   * Closes the test's store and writes, in a new data folder {@code folder}, the {@code events.db}
   * an earlier Outlet left, made by {@code statements}.
   */
  private Path earlierEventsDb(String folder, String... statements) throws Exception {
    store.close();
    Path old = dir.resolve(folder);
    java.nio.file.Files.createDirectories(old);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve(RuleStore.FILE));
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
    return old;
  }

  @Test
  void theEventsDbOfAnEarlierOutletIsTakenInOnceWithItsBusesRulesAndTargets() throws Exception {
    Path old =
        earlierEventsDb(
            "bus-era",
            "CREATE TABLE rules (bus TEXT NOT NULL, name TEXT NOT NULL, expression TEXT,"
                + " pattern TEXT, enabled INTEGER NOT NULL, description TEXT,"
                + " anchor_ms INTEGER NOT NULL, PRIMARY KEY (bus, name))",
            "CREATE TABLE targets (bus TEXT NOT NULL, rule TEXT NOT NULL, id TEXT NOT NULL,"
                + " arn TEXT NOT NULL, input TEXT, input_path TEXT, input_transformer TEXT,"
                + " PRIMARY KEY (bus, rule, id))",
            "CREATE TABLE buses (name TEXT PRIMARY KEY, description TEXT,"
                + " created_ms INTEGER NOT NULL)",
            "INSERT INTO buses VALUES ('orders', 'the shop''s', 5000)",
            "INSERT INTO rules VALUES ('orders', 'big', NULL, '{\"source\":[\"shop\"]}', 1,"
                + " 'd', 5000)",
            "INSERT INTO targets VALUES ('orders', 'big', 't', '"
                + FN
                + "', NULL, NULL, '{\"paths\":{\"id\":\"$.id\"},\"template\":\"<id>\"}')");
    store = RuleStore.open(old);
    Rule r = store.find("orders", "big").orElseThrow();
    assertThat(r.pattern()).isEqualTo("{\"source\":[\"shop\"]}");
    assertThat(r.targets())
        .containsExactly(
            new Rule.Target(
                "t", FN, null, null, new Rule.InputTransformer(Map.of("id", "$.id"), "<id>")));
    assertThat(store.buses())
        .containsExactly(new RuleStore.Bus("orders", "the shop's", Instant.ofEpochMilli(5000)));
    assertThat(old.resolve(RuleStore.FILE)).doesNotExist();
    assertThat(old.resolve(RuleStore.FILE + ".imported")).exists();
    store.close();
    store = RuleStore.open(old);
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void aStoreFromBeforeBusesOpensWithItsRulesOnTheDefaultBus() throws Exception {
    Path old =
        earlierEventsDb(
            "old",
            "CREATE TABLE rules (name TEXT PRIMARY KEY, expression TEXT NOT NULL,"
                + " enabled INTEGER NOT NULL, description TEXT, anchor_ms INTEGER NOT NULL)",
            "CREATE TABLE targets (rule TEXT NOT NULL, id TEXT NOT NULL,"
                + " arn TEXT NOT NULL, input TEXT, PRIMARY KEY (rule, id))",
            "INSERT INTO rules VALUES ('nightly', 'cron(0 3 * * ? *)', 1, 'd', 1000)",
            "INSERT INTO targets VALUES ('nightly', 't1', '" + FN + "', '{}')");
    store = RuleStore.open(old);
    assertThat(store.find("nightly"))
        .contains(
            new Rule(
                "nightly",
                "cron(0 3 * * ? *)",
                true,
                "d",
                Instant.ofEpochMilli(1000),
                List.of(new Rule.Target("t1", FN, "{}"))));
    // and it keeps working: a second rule of that name on another bus
    store.createBus("b", null, AT);
    store.put("b", "nightly", null, "{\"source\":[\"x\"]}", true, null, AT);
    assertThat(store.all()).hasSize(2);
  }
}
