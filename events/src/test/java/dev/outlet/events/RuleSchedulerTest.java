package dev.outlet.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler over a real SQLite store, with a manual clock and a recording invoker. */
class RuleSchedulerTest {
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";
  private static final Instant CREATED = Instant.parse("2026-11-27T03:00:20Z");

  @TempDir Path dir;
  private RuleStore store;
  private final AtomicReference<Instant> now = new AtomicReference<>(CREATED);
  private final List<String> sent = new ArrayList<>();
  private RuleScheduler scheduler;

  @BeforeEach
  void open() {
    store = RuleStore.open(dir);
    scheduler = scheduler(store);
  }

  private RuleScheduler scheduler(RuleStore s) {
    InstantSource clock = () -> now.get();
    return new RuleScheduler(
        s,
        clock,
        "us-east-1",
        "000000000000",
        (rule, target, payload) -> {
          if (!target.arn().equals(FN)) {
            return false;
          }
          sent.add(rule.name() + "|" + target.id() + "|" + new String(payload));
          return true;
        });
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aOneMinuteRateFiresOncePerMinuteFromItsCreation() throws Exception {
    store.put("r", "rate(1 minute)", true, null, CREATED);
    store.putTargets("r", List.of(new Rule.Target("t1", FN, null)));
    assertThat(scheduler.nextFire("r")).contains(Instant.parse("2026-11-27T03:01:20Z"));
    assertThat(scheduler.tick(Instant.parse("2026-11-27T03:01:19Z"))).isZero();
    assertThat(scheduler.tick(Instant.parse("2026-11-27T03:01:20Z"))).isEqualTo(1);
    assertThat(scheduler.tick(Instant.parse("2026-11-27T03:01:21Z"))).isZero();
    assertThat(scheduler.tick(Instant.parse("2026-11-27T03:02:20.300Z"))).isEqualTo(1);
    now.set(Instant.parse("2026-11-27T03:02:30Z"));
    assertThat(scheduler.nextFire("r")).contains(Instant.parse("2026-11-27T03:03:20Z"));
    JsonNode event = new ObjectMapper().readTree(sent.get(0).split("\\|", 3)[2]);
    assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
    assertThat(event.path("source").asText()).isEqualTo("aws.events");
    assertThat(event.path("time").asText()).isEqualTo("2026-11-27T03:01:20Z");
    assertThat(event.path("resources").get(0).asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/r");
    assertThat(event.path("detail").isObject()).isTrue();
    assertThat(sent).hasSize(2);
  }

  /** A gate as a cluster's: this node fires only while it leads, each tick once. */
  private static final class Gate implements dev.outlet.core.ScheduleGate {
    volatile boolean leads;
    final java.util.Set<String> fired = new java.util.HashSet<>();

    @Override
    public synchronized boolean fire(String schedule, Instant due) {
      return leads && fired.add(schedule + "@" + due);
    }

    @Override
    public boolean leads() {
      return leads;
    }

    @Override
    public void close() {}
  }

  @Test
  void aNodeThatDoesNotLeadKeepsTheRuleArmedAndFiresTheNextTickOnceItLeads() {
    Gate gate = new Gate();
    List<String> second = new ArrayList<>();
    RuleScheduler follower =
        new RuleScheduler(
            store,
            () -> now.get(),
            "us-east-1",
            "000000000000",
            (rule, target, payload) -> sent.add(rule.name()),
            gate);
    RuleScheduler other =
        new RuleScheduler(
            store,
            () -> now.get(),
            "us-east-1",
            "000000000000",
            (rule, target, payload) -> second.add(rule.name()),
            gate);
    store.put("r", "rate(1 minute)", true, null, CREATED);
    store.putTargets("r", List.of(new Rule.Target("t1", FN, null)));

    assertThat(follower.tick(Instant.parse("2026-11-27T03:01:20Z"))).isZero();
    assertThat(follower.nextFire("r")).contains(Instant.parse("2026-11-27T03:02:20Z"));
    gate.leads = true;
    assertThat(follower.tick(Instant.parse("2026-11-27T03:01:50Z")))
        .as("the tick it did not fire is not replayed")
        .isZero();
    assertThat(follower.tick(Instant.parse("2026-11-27T03:02:20Z"))).isEqualTo(1);
    assertThat(other.tick(Instant.parse("2026-11-27T03:02:20.500Z")))
        .as("a second node that believes it leads does not fire the same tick")
        .isZero();
    assertThat(sent).containsExactly("r");
    assertThat(second).isEmpty();
  }

  @Test
  void missedFiresAreNotReplayedAndDisabledRulesDoNotFire() {
    store.put("r", "rate(1 minute)", true, null, CREATED);
    store.put("off", "rate(1 minute)", false, null, CREATED);
    store.putTargets("r", List.of(new Rule.Target("t1", FN, null)));
    store.putTargets("off", List.of(new Rule.Target("t1", FN, null)));
    assertThat(scheduler.tick(Instant.parse("2026-11-27T03:01:20Z"))).isEqualTo(1);
    assertThat(scheduler.tick(Instant.parse("2026-11-27T04:00:00Z"))).isEqualTo(1);
    assertThat(scheduler.tick(Instant.parse("2026-11-27T04:00:19Z"))).isZero();
    assertThat(scheduler.tick(Instant.parse("2026-11-27T04:00:20Z"))).isEqualTo(1);
    assertThat(scheduler.nextFire("off")).isEmpty();
    assertThat(sent).allMatch(s -> s.startsWith("r|"));
  }

  @Test
  void constantInputReplacesTheEventAndUnknownTargetsAreSkipped() {
    store.put("r", "cron(* * * * ? *)", true, null, CREATED);
    store.putTargets(
        "r",
        List.of(
            new Rule.Target("a", FN, "{\"fixed\":true}"),
            new Rule.Target("b", "arn:aws:sqs:us-east-1:000000000000:q", null)));
    assertThat(scheduler.tick(Instant.parse("2026-11-27T03:01:00Z"))).isEqualTo(1);
    assertThat(sent).containsExactly("r|a|{\"fixed\":true}");
  }

  @Test
  void rulesAndTargetsSurviveAReopenAndKeepTheirAnchor() {
    store.put("r", "rate(5 minutes)", true, "d", CREATED);
    store.putTargets("r", List.of(new Rule.Target("t1", FN, "{}")));
    store.close();
    store = RuleStore.open(dir);
    assertThat(store.all())
        .containsExactly(
            new Rule(
                "r",
                "rate(5 minutes)",
                true,
                "d",
                CREATED,
                List.of(new Rule.Target("t1", FN, "{}"))));
    assertThat(scheduler(store).nextFire("r")).contains(Instant.parse("2026-11-27T03:05:20Z"));
  }

  @Test
  void changingTheExpressionReArmsTheRule() {
    store.put("r", "rate(1 hour)", true, null, CREATED);
    assertThat(scheduler.nextFire("r")).contains(Instant.parse("2026-11-27T04:00:20Z"));
    Instant later = Instant.parse("2026-11-27T03:30:00Z");
    now.set(later);
    store.put("r", "cron(0 12 * * ? *)", true, null, later);
    assertThat(scheduler.nextFire("r")).contains(Instant.parse("2026-11-27T12:00:00Z"));
  }
}
