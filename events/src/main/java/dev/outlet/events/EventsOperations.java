package dev.outlet.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The operations of the EventBridge subset, request JSON in, response JSON out, over the store and
 * the scheduler. Validation messages are AWS's. Thread-safe (the store serializes writes);
 * blocking.
 */
final class EventsOperations {
  private static final Pattern RULE_NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
  private static final Pattern TARGET_ID = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
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

  ObjectNode handle(String operation, JsonNode in, String region) {
    return switch (operation) {
      case "PutRule" -> putRule(in, region);
      case "DescribeRule" -> describeRule(in, region);
      case "ListRules" -> listRules(in, region);
      case "DeleteRule" -> deleteRule(in);
      case "EnableRule" -> enable(in, true);
      case "DisableRule" -> enable(in, false);
      case "PutTargets" -> putTargets(in);
      case "ListTargetsByRule" -> listTargets(in);
      case "RemoveTargets" -> removeTargets(in);
      case "ListSchedules" -> listSchedules(region);
      default -> throw EventsException.unknownOperation(operation);
    };
  }

  private ObjectNode putRule(JsonNode in, String region) {
    String name = ruleName(in, "Name");
    bus(in);
    if (in.hasNonNull("EventPattern")) {
      throw EventsException.validation(
          "Outlet supports scheduled rules only: EventPattern is not supported.");
    }
    if (!in.hasNonNull("ScheduleExpression")) {
      throw EventsException.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    String expression = in.get("ScheduleExpression").asText();
    try {
      ScheduleExpression.parse(expression);
    } catch (IllegalArgumentException e) {
      throw EventsException.validation("Parameter ScheduleExpression is not valid.");
    }
    String state = in.path("State").asText("ENABLED");
    if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
      throw EventsException.validation(
          "1 validation error detected: Value '"
              + state
              + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [ENABLED, DISABLED]");
    }
    String description = in.hasNonNull("Description") ? in.get("Description").asText() : null;
    var old = store.find(name);
    var anchor =
        old.isPresent() && old.get().expression().equals(expression)
            ? old.get().anchor()
            : clock.instant();
    store.put(name, expression, state.equals("ENABLED"), description, anchor);
    return object().put("RuleArn", ScheduledEvent.ruleArn(region, account, name));
  }

  private ObjectNode describeRule(JsonNode in, String region) {
    Rule r = rule(ruleName(in, "Name"));
    bus(in);
    ObjectNode out = view(r, region);
    out.put("CreatedBy", account);
    return out;
  }

  private ObjectNode view(Rule r, String region) {
    ObjectNode out = object();
    out.put("Name", r.name());
    out.put("Arn", ScheduledEvent.ruleArn(region, account, r.name()));
    out.put("State", r.enabled() ? "ENABLED" : "DISABLED");
    if (r.description() != null) {
      out.put("Description", r.description());
    }
    out.put("ScheduleExpression", r.expression());
    out.put("EventBusName", "default");
    return out;
  }

  private ObjectNode listRules(JsonNode in, String region) {
    bus(in);
    String prefix = in.path("NamePrefix").asText("");
    int limit = limit(in);
    String after = in.path("NextToken").asText("");
    ArrayNode rules = JsonNodeFactory.instance.arrayNode();
    ObjectNode out = object();
    out.set("Rules", rules);
    for (Rule r : store.all()) {
      if (!r.name().startsWith(prefix) || r.name().compareTo(after) <= 0 && !after.isEmpty()) {
        continue;
      }
      if (rules.size() == limit) {
        out.put("NextToken", rules.get(rules.size() - 1).get("Name").asText());
        break;
      }
      rules.add(view(r, region));
    }
    return out;
  }

  private ObjectNode deleteRule(JsonNode in) {
    String name = ruleName(in, "Name");
    bus(in);
    var rule = store.find(name);
    if (rule.isPresent()) {
      if (!rule.get().targets().isEmpty() && !in.path("Force").asBoolean(false)) {
        throw EventsException.validation("Rule can't be deleted since it has targets.");
      }
      store.delete(name);
    }
    return object();
  }

  private ObjectNode enable(JsonNode in, boolean on) {
    Rule r = rule(ruleName(in, "Name"));
    store.put(r.name(), r.expression(), on, r.description(), r.anchor());
    return object();
  }

  private ObjectNode putTargets(JsonNode in) {
    Rule r = rule(ruleName(in, "Rule"));
    JsonNode targets = in.path("Targets");
    if (!targets.isArray() || targets.isEmpty() || targets.size() > 10) {
      throw EventsException.validation(
          "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
    List<Rule.Target> add = new ArrayList<>();
    for (JsonNode t : targets) {
      String id = t.path("Id").asText("");
      String arn = t.path("Arn").asText("");
      if (!TARGET_ID.matcher(id).matches() || arn.isEmpty()) {
        throw EventsException.validation(
            "Parameter(s) Id and Arn must be specified for every target.");
      }
      add.add(new Rule.Target(id, arn, t.hasNonNull("Input") ? t.get("Input").asText() : null));
    }
    long after =
        java.util.stream.Stream.concat(
                r.targets().stream().map(Rule.Target::id), add.stream().map(Rule.Target::id))
            .distinct()
            .count();
    if (after > MAX_TARGETS) {
      throw new EventsException(
          "LimitExceededException",
          400,
          "The requested resource exceeds the maximum number allowed.");
    }
    store.putTargets(r.name(), add);
    return object()
        .put("FailedEntryCount", 0)
        .set("FailedEntries", JsonNodeFactory.instance.arrayNode());
  }

  private ObjectNode listTargets(JsonNode in) {
    Rule r = rule(ruleName(in, "Rule"));
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Rule.Target t : r.targets()) {
      ObjectNode n = list.addObject().put("Id", t.id()).put("Arn", t.arn());
      if (t.input() != null) {
        n.put("Input", t.input());
      }
    }
    ObjectNode out = object();
    out.set("Targets", list);
    return out;
  }

  private ObjectNode removeTargets(JsonNode in) {
    Rule r = rule(ruleName(in, "Rule"));
    List<String> ids = new ArrayList<>();
    in.path("Ids").forEach(i -> ids.add(i.asText()));
    if (ids.isEmpty()) {
      throw EventsException.validation("Parameter Ids must be specified.");
    }
    store.removeTargets(r.name(), ids);
    return object()
        .put("FailedEntryCount", 0)
        .set("FailedEntries", JsonNodeFactory.instance.arrayNode());
  }

  /** Outlet's own operation for {@code outlet schedules}: rules, targets, next fire times. */
  private ObjectNode listSchedules(String region) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Rule r : store.all()) {
      ObjectNode n = view(r, region);
      ArrayNode targets = n.putArray("Targets");
      r.targets().forEach(t -> targets.add(t.arn()));
      scheduler.nextFire(r.name()).ifPresent(t -> n.put("NextFireTime", t.toString()));
      list.add(n);
    }
    ObjectNode out = object();
    out.set("Schedules", list);
    return out;
  }

  private Rule rule(String name) {
    return store.find(name).orElseThrow(() -> EventsException.notFound(name));
  }

  private static String ruleName(JsonNode in, String field) {
    String name = in.path(field).asText("");
    if (!RULE_NAME.matcher(name).matches()) {
      throw EventsException.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + Character.toLowerCase(field.charAt(0))
              + field.substring(1)
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " [\\.\\-_A-Za-z0-9]+");
    }
    return name;
  }

  private static void bus(JsonNode in) {
    String bus = in.path("EventBusName").asText("default");
    if (!bus.equals("default") && !bus.endsWith(":event-bus/default")) {
      throw new EventsException(
          "ResourceNotFoundException", 400, "Event bus " + bus + " does not exist.");
    }
  }

  private static int limit(JsonNode in) {
    int limit = in.path("Limit").asInt(100);
    return limit < 1 || limit > 100 ? 100 : limit;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
