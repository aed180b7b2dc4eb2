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
    String bus = bus(in.eventBusName());
    String expression = in.scheduleExpression();
    var old = store.find(bus, in.name());
    var anchor =
        old.isPresent() && java.util.Objects.equals(old.get().expression(), expression)
            ? old.get().anchor()
            : clock.instant();
    Rule r =
        store.put(
            bus, in.name(), expression, in.eventPattern(), in.enabled(), in.description(), anchor);
    return new PutRuleResponse(r.arn(region, account));
  }

  DescribeRuleResponse describeRule(DescribeRuleRequest in, String region) {
    RuleView v = view(rule(in.eventBusName(), in.name()), region);
    return new DescribeRuleResponse(
        v.name(),
        v.arn(),
        v.eventPattern(),
        v.state(),
        v.description(),
        v.scheduleExpression(),
        v.eventBusName(),
        account);
  }

  ListRulesResponse listRules(ListRulesRequest in, String region) {
    String bus = bus(in.eventBusName());
    String prefix = in.namePrefix() == null ? "" : in.namePrefix();
    String after = in.nextToken() == null ? "" : in.nextToken();
    int limit = in.pageSize();
    List<RuleView> rules = new ArrayList<>();
    for (Rule r : store.all()) {
      if (!r.bus().equals(bus)
          || !r.name().startsWith(prefix)
          || r.name().compareTo(after) <= 0 && !after.isEmpty()) {
        continue;
      }
      if (rules.size() == limit) {
        return new ListRulesResponse(rules, rules.getLast().name());
      }
      rules.add(view(r, region));
    }
    return new ListRulesResponse(rules, null);
  }

  /** The names of the bus's rules with a target of that ARN, by name, a page at a time. */
  EventsResponses.ListRuleNamesByTargetResponse listRuleNamesByTarget(
      EventsRequests.ListRuleNamesByTargetRequest in, String region) {
    String bus = bus(in.eventBusName());
    String after = in.nextToken() == null ? "" : in.nextToken();
    int limit = in.pageSize();
    List<String> names = new ArrayList<>();
    for (Rule r : store.all()) {
      if (!r.bus().equals(bus)
          || !after.isEmpty() && r.name().compareTo(after) <= 0
          || r.targets().stream().noneMatch(t -> t.arn().equals(in.targetArn()))) {
        continue;
      }
      if (names.size() == limit) {
        return new EventsResponses.ListRuleNamesByTargetResponse(names, names.getLast());
      }
      names.add(r.name());
    }
    return new EventsResponses.ListRuleNamesByTargetResponse(names, null);
  }

  Empty deleteRule(DeleteRuleRequest in, String region) {
    String bus = bus(in.eventBusName());
    var rule = store.find(bus, in.name());
    if (rule.isPresent()) {
      if (!rule.get().targets().isEmpty() && !Boolean.TRUE.equals(in.force())) {
        throw EventsException.validation("Rule can't be deleted since it has targets.");
      }
      store.delete(bus, in.name());
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
    Rule r = rule(in.eventBusName(), in.name());
    store.put(r.bus(), r.name(), r.expression(), r.pattern(), on, r.description(), r.anchor());
    return Empty.INSTANCE;
  }

  TargetsResponse putTargets(PutTargetsRequest in, String region) {
    Rule r = rule(in.eventBusName(), in.rule());
    List<Rule.Target> add = in.targets().stream().map(EventsOperations::target).toList();
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
    store.putTargets(r.bus(), r.name(), add);
    return TargetsResponse.NONE_FAILED;
  }

  ListTargetsByRuleResponse listTargetsByRule(ListTargetsByRuleRequest in, String region) {
    List<Target> targets =
        rule(in.eventBusName(), in.rule()).targets().stream().map(EventsOperations::wire).toList();
    return new ListTargetsByRuleResponse(targets);
  }

  TargetsResponse removeTargets(RemoveTargetsRequest in, String region) {
    Rule r = rule(in.eventBusName(), in.rule());
    store.removeTargets(r.bus(), r.name(), in.ids());
    return TargetsResponse.NONE_FAILED;
  }

  private static Rule.Target target(Target t) {
    var x = t.inputTransformer();
    return new Rule.Target(
        t.id(),
        t.arn(),
        t.input(),
        t.inputPath(),
        x == null ? null : new Rule.InputTransformer(x.inputPathsMap(), x.inputTemplate()));
  }

  private static Target wire(Rule.Target t) {
    var x = t.transformer();
    return new Target(
        t.id(),
        t.arn(),
        t.input(),
        t.inputPath(),
        x == null
            ? null
            : new EventsRequests.InputTransformer(
                x.inputPathsMap().isEmpty() ? null : x.inputPathsMap(), x.inputTemplate()));
  }

  /** Outlet's own operation for {@code outlet schedules}: rules, targets, next fire times. */
  ListSchedulesResponse listSchedules(ListSchedulesRequest in, String region) {
    List<Schedule> schedules = new ArrayList<>();
    for (Rule r : store.all()) {
      if (!r.scheduled()) {
        continue;
      }
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
        r.arn(region, account),
        r.pattern(),
        r.enabled() ? "ENABLED" : "DISABLED",
        r.description(),
        r.expression(),
        r.bus());
  }

  /** The bus a member names, which must exist. */
  String bus(String nameOrArn) {
    String bus = EventsValidation.busName(nameOrArn);
    if (!bus.equals(Rule.DEFAULT_BUS) && store.bus(bus).isEmpty()) {
      throw EventsException.noBus(bus);
    }
    return bus;
  }

  private Rule rule(String busNameOrArn, String name) {
    String bus = bus(busNameOrArn);
    return store.find(bus, name).orElseThrow(() -> EventsException.notFound(name, bus));
  }
}
