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
      @JsonProperty("Input") String input) {}

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
      EventsValidation.bus(eventBusName);
      EventsValidation.schedule(eventPattern, scheduleExpression);
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
      EventsValidation.bus(eventBusName);
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
      EventsValidation.bus(eventBusName);
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
      EventsValidation.bus(eventBusName);
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

  /** Outlet's {@code ListSchedules}: no members. */
  record ListSchedulesRequest() implements Input {
    @Override
    public void validate() {}
  }
}
