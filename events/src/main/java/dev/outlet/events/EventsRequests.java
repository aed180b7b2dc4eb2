package dev.outlet.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The EventBridge requests Outlet serves, as records with AWS's member names, bound by the edge's
 * JSON mapper (unknown members ignored, members of the wrong JSON type a {@code
 * SerializationException}). Absent optional members are null; each record's {@code validate()}
 * checks its members with {@link EventsValidation} before the operation runs.
 */
final class EventsRequests {
  private EventsRequests() {}

  /** A request record: validated once, by {@link EventsService}, before its operation. */
  sealed interface Input {
    /** Throws {@link EventsException} for the first member that breaks AWS's constraints. */
    void validate();
  }

  /** A rule's target, as PutTargets takes it and ListTargetsByRule returns it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Target(
      @JsonProperty("Id") String id,
      @JsonProperty("Arn") String arn,
      @JsonProperty("Input") String input,
      @JsonProperty("InputPath") String inputPath,
      @JsonProperty("InputTransformer") InputTransformer inputTransformer) {}

  /** A target's {@code InputTransformer}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record InputTransformer(
      @JsonProperty("InputPathsMap") java.util.Map<String, String> inputPathsMap,
      @JsonProperty("InputTemplate") String inputTemplate) {}

  record PutRuleRequest(
      @JsonProperty("Name") String name,
      @JsonProperty("ScheduleExpression") String scheduleExpression,
      @JsonProperty("EventPattern") String eventPattern,
      @JsonProperty("State") String state,
      @JsonProperty("Description") String description,
      @JsonProperty("EventBusName") String eventBusName)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(name, "Name");
      EventsValidation.busName(eventBusName);
      EventsValidation.ruleKind(eventPattern, scheduleExpression, eventBusName);
      EventsValidation.state(state);
    }

    boolean enabled() {
      return state == null || state.equals("ENABLED");
    }
  }

  record DescribeRuleRequest(
      @JsonProperty("Name") String name, @JsonProperty("EventBusName") String eventBusName)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(name, "Name");
      EventsValidation.busName(eventBusName);
    }
  }

  record ListRulesRequest(
      @JsonProperty("NamePrefix") String namePrefix,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("NextToken") String nextToken,
      @JsonProperty("Limit") Integer limit)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.busName(eventBusName);
    }

    /** The page size: {@code Limit} when within 1–100, else 100. */
    int pageSize() {
      return limit == null || limit < 1 || limit > 100 ? 100 : limit;
    }
  }

  record ListRuleNamesByTargetRequest(
      @JsonProperty("TargetArn") String targetArn,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("NextToken") String nextToken,
      @JsonProperty("Limit") Integer limit)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.required(targetArn, "TargetArn");
      EventsValidation.busName(eventBusName);
    }

    /** The page size: {@code Limit} when within 1–100, else 100. */
    int pageSize() {
      return limit == null || limit < 1 || limit > 100 ? 100 : limit;
    }
  }

  record DeleteRuleRequest(
      @JsonProperty("Name") String name,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("Force") Boolean force)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(name, "Name");
      EventsValidation.busName(eventBusName);
    }
  }

  /** EnableRule's and DisableRule's request (the same members). */
  record RuleStateRequest(
      @JsonProperty("Name") String name, @JsonProperty("EventBusName") String eventBusName)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(name, "Name");
    }
  }

  record PutTargetsRequest(
      @JsonProperty("Rule") String rule,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("Targets") List<Target> targets)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(rule, "Rule");
      EventsValidation.targets(targets);
    }
  }

  record ListTargetsByRuleRequest(
      @JsonProperty("Rule") String rule,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("NextToken") String nextToken,
      @JsonProperty("Limit") Integer limit)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(rule, "Rule");
    }
  }

  record RemoveTargetsRequest(
      @JsonProperty("Rule") String rule,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("Ids") List<String> ids,
      @JsonProperty("Force") Boolean force)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.ruleName(rule, "Rule");
      EventsValidation.ids(ids);
    }
  }

  /** One event of PutEvents. */
  record PutEventsEntry(
      @JsonProperty("Source") String source,
      @JsonProperty("DetailType") String detailType,
      @JsonProperty("Detail") String detail,
      @JsonProperty("Resources") List<String> resources,
      @JsonProperty("Time") Double time,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("TraceHeader") String traceHeader) {}

  record PutEventsRequest(@JsonProperty("Entries") List<PutEventsEntry> entries) implements Input {
    @Override
    public void validate() {
      EventsValidation.entries(entries);
    }
  }

  record CreateEventBusRequest(
      @JsonProperty("Name") String name, @JsonProperty("Description") String description)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.newBusName(name);
    }
  }

  /** DeleteEventBus's and DescribeEventBus's request (DescribeEventBus's name is optional). */
  record EventBusRequest(@JsonProperty("Name") String name) implements Input {
    @Override
    public void validate() {
      EventsValidation.busName(name);
    }
  }

  record ListEventBusesRequest(
      @JsonProperty("NamePrefix") String namePrefix,
      @JsonProperty("NextToken") String nextToken,
      @JsonProperty("Limit") Integer limit)
      implements Input {
    @Override
    public void validate() {}
  }

  record TestEventPatternRequest(
      @JsonProperty("EventPattern") String eventPattern, @JsonProperty("Event") String event)
      implements Input {
    @Override
    public void validate() {
      EventsValidation.required(eventPattern, "EventPattern");
      EventsValidation.required(event, "Event");
    }
  }

  /** Outlet's {@code ListSchedules}: no members. */
  record ListSchedulesRequest() implements Input {
    @Override
    public void validate() {}
  }
}
