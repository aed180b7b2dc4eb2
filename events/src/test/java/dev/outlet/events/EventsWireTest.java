package dev.outlet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outlet.edge.Call;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.Service;
import dev.outlet.events.EventsRequests.Input;
import dev.outlet.events.EventsRequests.ListRulesRequest;
import dev.outlet.events.EventsRequests.PutRuleRequest;
import dev.outlet.events.EventsRequests.PutTargetsRequest;
import dev.outlet.events.EventsRequests.Target;
import dev.outlet.events.EventsResponses.DescribeRuleResponse;
import dev.outlet.events.EventsResponses.ListRulesResponse;
import dev.outlet.events.EventsResponses.ListSchedulesResponse;
import dev.outlet.events.EventsResponses.ListTargetsByRuleResponse;
import dev.outlet.events.EventsResponses.PutRuleResponse;
import dev.outlet.events.EventsResponses.RuleView;
import dev.outlet.events.EventsResponses.Schedule;
import dev.outlet.events.EventsResponses.TargetsResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire of EventBridge without a store: bodies bound to the request records and validated as the
 * service does before any operation runs (so every call here fails before reaching the store), and
 * the response records as the edge encodes them.
 */
class EventsWireTest {

  private static final Service SERVICE =
      EventsService.create(
          new EventsOperations(null, null, InstantSource.system(), "000000000000"),
          new BusOperations(null, null, null, InstantSource.system(), "000000000000"),
          "000000000000");
  private static final Protocol JSON = SERVICE.protocol();

  private static EventsException refused(String operation, String body) {
    Call call =
        new Call(
            operation,
            null,
            null,
            "us-east-1",
            Map.of(),
            "request-1",
            body.getBytes(StandardCharsets.UTF_8),
            JSON);
    return catchThrowableOfType(
        EventsException.class, () -> SERVICE.operations().get(operation).run(call));
  }

  private static void assertRefused(String operation, String body, String code, String message) {
    EventsException e = refused(operation, body);
    assertThat(e).as(body).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  private static <T extends Input> T bind(String body, Class<T> type) {
    T input = JSON.decode(body.getBytes(StandardCharsets.UTF_8), type);
    input.validate();
    return input;
  }

  private static String encode(Object result) {
    return new String(JSON.encode(result, "Op", "request-1").body(), StandardCharsets.UTF_8);
  }

  @Test
  void bindsPutRuleByAwsPascalCaseNames() {
    var in =
        bind(
            "{\"Name\":\"r\",\"ScheduleExpression\":\"rate(5 minutes)\",\"State\":\"DISABLED\","
                + "\"Description\":\"d\",\"EventBusName\":\"default\",\"Tags\":[]}",
            PutRuleRequest.class);
    assertThat(in)
        .isEqualTo(new PutRuleRequest("r", "rate(5 minutes)", null, "DISABLED", "d", "default"));
    assertThat(in.enabled()).isFalse();
  }

  @Test
  void anAbsentStateMeansEnabled() {
    assertThat(
            bind("{\"Name\":\"r\",\"ScheduleExpression\":\"rate(1 minute)\"}", PutRuleRequest.class)
                .enabled())
        .isTrue();
  }

  @Test
  void bindsTargetsWithTheirOptionalInput() {
    var in =
        bind(
            "{\"Rule\":\"r\",\"Targets\":[{\"Id\":\"1\",\"Arn\":\"a\"},"
                + "{\"Id\":\"2\",\"Arn\":\"b\",\"Input\":\"{}\"}]}",
            PutTargetsRequest.class);
    assertThat(in.targets())
        .containsExactly(
            new Target("1", "a", null, null, null), new Target("2", "b", "{}", null, null));
  }

  @Test
  void aMemberOfTheWrongTypeIsASerializationException() {
    assertThatThrownBy(() -> JSON.decode("{\"Targets\":{}}".getBytes(), PutTargetsRequest.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessage("The member Targets has the wrong type.");
    assertThatThrownBy(() -> JSON.decode("{\"Limit\":\"many\"}".getBytes(), ListRulesRequest.class))
        .isInstanceOf(Protocol.MalformedBody.class);
    assertThat(SERVICE.errors().malformed("m").code()).isEqualTo("SerializationException");
  }

  @Test
  void ruleNamesFollowAwsPatternUnderTheMembersLowerCaseName() {
    assertRefused(
        "PutRule",
        "{\"ScheduleExpression\":\"rate(1 minute)\"}",
        "ValidationException",
        "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member"
            + " must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    assertRefused(
        "RemoveTargets",
        "{\"Rule\":\"a b\",\"Ids\":[\"1\"]}",
        "ValidationException",
        "1 validation error detected: Value 'a b' at 'rule' failed to satisfy constraint: Member"
            + " must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
  }

  @Test
  void putRuleNeedsAValidScheduleOrPattern() {
    assertRefused(
        "PutRule",
        "{\"Name\":\"r\",\"EventPattern\":\"{}\"}",
        "InvalidEventPatternException",
        "Event pattern is not valid. Reason: Empty objects are not allowed");
    assertRefused(
        "PutRule",
        "{\"Name\":\"r\",\"EventPattern\":\"{\\\"source\\\":\\\"x\\\"}\"}",
        "InvalidEventPatternException",
        "Event pattern is not valid. Reason: Match value must be an array or an object, not a"
            + " string at source");
    assertRefused(
        "PutRule",
        "{\"Name\":\"r\",\"EventBusName\":\"orders\",\"ScheduleExpression\":\"rate(1 day)\"}",
        "ValidationException",
        "ScheduleExpression is supported only on the default event bus.");
    assertRefused(
        "PutRule",
        "{\"Name\":\"r\"}",
        "ValidationException",
        "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    assertRefused(
        "PutRule",
        "{\"Name\":\"r\",\"ScheduleExpression\":\"rate(0 minutes)\"}",
        "ValidationException",
        "Parameter ScheduleExpression is not valid.");
    assertRefused( // accepted once, then threw on the scheduler's timer
        "PutRule",
        "{\"Name\":\"r\",\"ScheduleExpression\":\"rate(9223372036854775807 minutes)\"}",
        "ValidationException",
        "Parameter ScheduleExpression is not valid.");
  }

  @Test
  void stateTakesOnlyAwsValues() {
    assertRefused(
        "PutRule",
        "{\"Name\":\"r\",\"ScheduleExpression\":\"rate(1 minute)\",\"State\":\"ON\"}",
        "ValidationException",
        "1 validation error detected: Value 'ON' at 'state' failed to satisfy constraint: Member"
            + " must satisfy enum value set: [ENABLED, DISABLED]");
  }

  @Test
  void aBusIsNamedByNameOrArnInAwsPattern() {
    assertThat(refused("ListRules", "{\"EventBusName\":\"a b\"}").code())
        .isEqualTo("ValidationException");
    bind(
        "{\"EventBusName\":\"arn:aws:events:us-east-1:1:event-bus/default\"}",
        ListRulesRequest.class);
  }

  @Test
  void targetListsAreBetweenOneAndTenWithIdsAndArns() {
    String tooMany =
        "["
            + String.join(",", java.util.Collections.nCopies(11, "{\"Id\":\"1\",\"Arn\":\"a\"}"))
            + "]";
    for (String targets : List.of("[]", tooMany)) {
      assertRefused(
          "PutTargets",
          "{\"Rule\":\"r\",\"Targets\":" + targets + "}",
          "ValidationException",
          "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
    assertRefused(
        "PutTargets",
        "{\"Rule\":\"r\",\"Targets\":[{\"Id\":\"1\"}]}",
        "ValidationException",
        "Parameter(s) Id and Arn must be specified for every target.");
    assertRefused(
        "RemoveTargets",
        "{\"Rule\":\"r\"}",
        "ValidationException",
        "Parameter Ids must be specified.");
  }

  @Test
  void limitsOutsideOneToHundredMeanHundred() {
    assertThat(bind("{\"Limit\":0}", ListRulesRequest.class).pageSize()).isEqualTo(100);
    assertThat(bind("{\"Limit\":101}", ListRulesRequest.class).pageSize()).isEqualTo(100);
    assertThat(bind("{\"Limit\":7}", ListRulesRequest.class).pageSize()).isEqualTo(7);
    assertThat(bind("{}", ListRulesRequest.class).pageSize()).isEqualTo(100);
  }

  @Test
  void responsesUseAwsMemberNamesInOrder() {
    assertThat(encode(new PutRuleResponse("arn"))).isEqualTo("{\"RuleArn\":\"arn\"}");
    assertThat(encode(EventsResponses.Empty.INSTANCE)).isEqualTo("{}");
    assertThat(encode(TargetsResponse.NONE_FAILED))
        .isEqualTo("{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
    assertThat(
            encode(
                new DescribeRuleResponse(
                    "r", "arn", null, "ENABLED", null, "rate(1 minute)", "default", "1")))
        .isEqualTo(
            "{\"Name\":\"r\",\"Arn\":\"arn\",\"State\":\"ENABLED\","
                + "\"ScheduleExpression\":\"rate(1 minute)\",\"EventBusName\":\"default\","
                + "\"CreatedBy\":\"1\"}");
    assertThat(
            encode(
                new ListRulesResponse(
                    List.of(
                        new RuleView(
                            "r", "arn", null, "DISABLED", "d", "rate(1 minute)", "default")),
                    "r")))
        .isEqualTo(
            "{\"Rules\":[{\"Name\":\"r\",\"Arn\":\"arn\",\"State\":\"DISABLED\","
                + "\"Description\":\"d\",\"ScheduleExpression\":\"rate(1 minute)\","
                + "\"EventBusName\":\"default\"}],\"NextToken\":\"r\"}");
    assertThat(
            encode(new ListTargetsByRuleResponse(List.of(new Target("1", "a", null, null, null)))))
        .isEqualTo("{\"Targets\":[{\"Id\":\"1\",\"Arn\":\"a\"}]}");
    assertThat(
            encode(
                new ListSchedulesResponse(
                    List.of(
                        new Schedule(
                            "r",
                            "arn",
                            "ENABLED",
                            null,
                            "rate(1 minute)",
                            "default",
                            List.of("f"),
                            "2026-01-01T00:00:00Z")))))
        .isEqualTo(
            "{\"Schedules\":[{\"Name\":\"r\",\"Arn\":\"arn\",\"State\":\"ENABLED\","
                + "\"ScheduleExpression\":\"rate(1 minute)\",\"EventBusName\":\"default\","
                + "\"Targets\":[\"f\"],\"NextFireTime\":\"2026-01-01T00:00:00Z\"}]}");
  }
}
