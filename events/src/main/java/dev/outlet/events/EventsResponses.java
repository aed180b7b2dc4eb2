package dev.outlet.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The EventBridge responses, as records with AWS's member names in the order Outlet has always
 * written them; optional members are null and omitted, as AWS omits them.
 */
final class EventsResponses {
  private EventsResponses() {}

  /** The {@code {}} of the operations that return nothing. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Empty() {
    static final Empty INSTANCE = new Empty();
  }

  record PutRuleResponse(@JsonProperty("RuleArn") String ruleArn) {}

  /** A rule as ListRules lists it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RuleView(
      @JsonProperty("Name") String name,
      @JsonProperty("Arn") String arn,
      @JsonProperty("EventPattern") String eventPattern,
      @JsonProperty("State") String state,
      @JsonProperty("Description") String description,
      @JsonProperty("ScheduleExpression") String scheduleExpression,
      @JsonProperty("EventBusName") String eventBusName) {}

  /** A rule as DescribeRule describes it: the view and who created it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DescribeRuleResponse(
      @JsonProperty("Name") String name,
      @JsonProperty("Arn") String arn,
      @JsonProperty("EventPattern") String eventPattern,
      @JsonProperty("State") String state,
      @JsonProperty("Description") String description,
      @JsonProperty("ScheduleExpression") String scheduleExpression,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("CreatedBy") String createdBy) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListRulesResponse(
      @JsonProperty("Rules") List<RuleView> rules, @JsonProperty("NextToken") String nextToken) {}

  record ListRuleNamesByTargetResponse(
      @JsonProperty("RuleNames") List<String> ruleNames,
      @JsonProperty("NextToken") String nextToken) {}

  /** A target AWS could not add or remove (Outlet never fails one, so the list is empty). */
  record FailedEntry(
      @JsonProperty("TargetId") String targetId,
      @JsonProperty("ErrorCode") String errorCode,
      @JsonProperty("ErrorMessage") String errorMessage) {}

  /** PutTargets' and RemoveTargets' response (the same members). */
  record TargetsResponse(
      @JsonProperty("FailedEntryCount") int failedEntryCount,
      @JsonProperty("FailedEntries") List<FailedEntry> failedEntries) {
    static final TargetsResponse NONE_FAILED = new TargetsResponse(0, List.of());
  }

  record ListTargetsByRuleResponse(@JsonProperty("Targets") List<EventsRequests.Target> targets) {}

  /** A rule as Outlet's {@code ListSchedules} shows it: the view, target ARNs, next fire time. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Schedule(
      @JsonProperty("Name") String name,
      @JsonProperty("Arn") String arn,
      @JsonProperty("State") String state,
      @JsonProperty("Description") String description,
      @JsonProperty("ScheduleExpression") String scheduleExpression,
      @JsonProperty("EventBusName") String eventBusName,
      @JsonProperty("Targets") List<String> targets,
      @JsonProperty("NextFireTime") String nextFireTime) {}

  record ListSchedulesResponse(@JsonProperty("Schedules") List<Schedule> schedules) {}

  /** One entry of PutEvents' answer: its event id, or why it failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PutEventsResultEntry(
      @JsonProperty("EventId") String eventId,
      @JsonProperty("ErrorCode") String errorCode,
      @JsonProperty("ErrorMessage") String errorMessage) {}

  record PutEventsResponse(
      @JsonProperty("FailedEntryCount") int failedEntryCount,
      @JsonProperty("Entries") List<PutEventsResultEntry> entries) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreateEventBusResponse(
      @JsonProperty("EventBusArn") String eventBusArn,
      @JsonProperty("Description") String description) {}

  /** An event bus as DescribeEventBus and ListEventBuses show it (times in epoch seconds). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventBusView(
      @JsonProperty("Name") String name,
      @JsonProperty("Arn") String arn,
      @JsonProperty("Description") String description,
      @JsonProperty("CreationTime") Double creationTime,
      @JsonProperty("LastModifiedTime") Double lastModifiedTime) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListEventBusesResponse(
      @JsonProperty("EventBuses") List<EventBusView> eventBuses,
      @JsonProperty("NextToken") String nextToken) {}

  record TestEventPatternResponse(@JsonProperty("Result") boolean result) {}
}
