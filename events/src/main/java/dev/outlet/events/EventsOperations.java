package dev.outlet.events;

import dev.outlet.events.EventsRequests.DeleteRuleRequest;
import dev.outlet.events.EventsRequests.DescribeRuleRequest;
import dev.outlet.events.EventsRequests.ListRulesRequest;
import dev.outlet.events.EventsRequests.ListSchedulesRequest;
import dev.outlet.events.EventsRequests.ListTargetsByRuleRequest;
import dev.outlet.events.EventsRequests.PutRuleRequest;
import dev.outlet.events.EventsRequests.PutTargetsRequest;
import dev.outlet.events.EventsRequests.RemoveTargetsRequest;
import dev.outlet.events.EventsRequests.RuleStateRequest;
import dev.outlet.events.EventsRequests.Target;
import dev.outlet.events.EventsResponses.DescribeRuleResponse;
import dev.outlet.events.EventsResponses.Empty;
import dev.outlet.events.EventsResponses.ListRulesResponse;
import dev.outlet.events.EventsResponses.ListSchedulesResponse;
import dev.outlet.events.EventsResponses.ListTargetsByRuleResponse;
import dev.outlet.events.EventsResponses.PutRuleResponse;
import dev.outlet.events.EventsResponses.RuleView;
import dev.outlet.events.EventsResponses.Schedule;
import dev.outlet.events.EventsResponses.TargetsResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operations of the EventBridge subset, validated request records in, response records out,
 * over the store and the scheduler. Thread-safe (the store serializes writes); blocking.
 */
final class EventsOperations {
  private static final int MAX_TARGETS = 5;

  private final RuleStore store;
  private final RuleScheduler scheduler;
  private final InstantSource clock;
  private final String account;

  EventsOperations(RuleStore store, RuleScheduler scheduler, InstantSource clock, String account) {
    this.store = store;
    this.scheduler = scheduler;
    this.clock = clock;
    this.account = account;
  }

  PutRuleResponse putRule(PutRuleRequest in, String region) {
    String expression = in.scheduleExpression();
    var old = store.find(in.name());
    var anchor =
        old.isPresent() && old.get().expression().equals(expression)
            ? old.get().anchor()
            : clock.instant();
    store.put(in.name(), expression, in.enabled(), in.description(), anchor);
    return new PutRuleResponse(ScheduledEvent.ruleArn(region, account, in.name()));
  }

  DescribeRuleResponse describeRule(DescribeRuleRequest in, String region) {
    RuleView v = view(rule(in.name()), region);
    return new DescribeRuleResponse(
        v.name(),
        v.arn(),
        v.state(),
        v.description(),
        v.scheduleExpression(),
        v.eventBusName(),
        account);
  }

  ListRulesResponse listRules(ListRulesRequest in, String region) {
    String prefix = in.namePrefix() == null ? "" : in.namePrefix();
    String after = in.nextToken() == null ? "" : in.nextToken();
    int limit = in.pageSize();
    List<RuleView> rules = new ArrayList<>();
    for (Rule r : store.all()) {
      if (!r.name().startsWith(prefix) || r.name().compareTo(after) <= 0 && !after.isEmpty()) {
        continue;
      }
      if (rules.size() == limit) {
        return new ListRulesResponse(rules, rules.getLast().name());
      }
      rules.add(view(r, region));
    }
    return new ListRulesResponse(rules, null);
  }

  Empty deleteRule(DeleteRuleRequest in, String region) {
    var rule = store.find(in.name());
    if (rule.isPresent()) {
      if (!rule.get().targets().isEmpty() && !Boolean.TRUE.equals(in.force())) {
        throw EventsException.validation("Rule can't be deleted since it has targets.");
      }
      store.delete(in.name());
    }
    return Empty.INSTANCE;
  }

  Empty enableRule(RuleStateRequest in, String region) {
    return setEnabled(in, true);
  }

  Empty disableRule(RuleStateRequest in, String region) {
    return setEnabled(in, false);
  }

  private Empty setEnabled(RuleStateRequest in, boolean on) {
    Rule r = rule(in.name());
    store.put(r.name(), r.expression(), on, r.description(), r.anchor());
    return Empty.INSTANCE;
  }

  TargetsResponse putTargets(PutTargetsRequest in, String region) {
    Rule r = rule(in.rule());
    List<Rule.Target> add =
        in.targets().stream().map(t -> new Rule.Target(t.id(), t.arn(), t.input())).toList();
    long after =
        Stream.concat(r.targets().stream().map(Rule.Target::id), add.stream().map(Rule.Target::id))
            .distinct()
            .count();
    if (after > MAX_TARGETS) {
      throw new EventsException(
          "LimitExceededException",
          400,
          "The requested resource exceeds the maximum number allowed.");
    }
    store.putTargets(r.name(), add);
    return TargetsResponse.NONE_FAILED;
  }

  ListTargetsByRuleResponse listTargetsByRule(ListTargetsByRuleRequest in, String region) {
    List<Target> targets =
        rule(in.rule()).targets().stream()
            .map(t -> new Target(t.id(), t.arn(), t.input()))
            .toList();
    return new ListTargetsByRuleResponse(targets);
  }

  TargetsResponse removeTargets(RemoveTargetsRequest in, String region) {
    Rule r = rule(in.rule());
    store.removeTargets(r.name(), in.ids());
    return TargetsResponse.NONE_FAILED;
  }

  /** Outlet's own operation for {@code outlet schedules}: rules, targets, next fire times. */
  ListSchedulesResponse listSchedules(ListSchedulesRequest in, String region) {
    List<Schedule> schedules = new ArrayList<>();
    for (Rule r : store.all()) {
      RuleView v = view(r, region);
      schedules.add(
          new Schedule(
              v.name(),
              v.arn(),
              v.state(),
              v.description(),
              v.scheduleExpression(),
              v.eventBusName(),
              r.targets().stream().map(Rule.Target::arn).toList(),
              scheduler.nextFire(r.name()).map(Object::toString).orElse(null)));
    }
    return new ListSchedulesResponse(schedules);
  }

  private RuleView view(Rule r, String region) {
    return new RuleView(
        r.name(),
        ScheduledEvent.ruleArn(region, account, r.name()),
        r.enabled() ? "ENABLED" : "DISABLED",
        r.description(),
        r.expression(),
        "default");
  }

  private Rule rule(String name) {
    return store.find(name).orElseThrow(() -> EventsException.notFound(name));
  }
}
