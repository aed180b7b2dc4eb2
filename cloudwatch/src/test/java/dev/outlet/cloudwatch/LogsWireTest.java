package dev.outlet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outlet.edge.Call;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.Service;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire of CloudWatch Logs without a store: bodies bound to the request records and validated as
 * the service does before any operation runs (so every call here fails before reaching the store),
 * and the response records as the edge encodes them.
 */
class LogsWireTest {

  private static final Service SERVICE =
      LogsService.create(null, "000000000000", Clock.systemUTC());
  private static final Protocol JSON = SERVICE.protocol();

  /** The error the service answers {@code body} with, before any operation touches its store. */
  private static LogsException refused(String operation, String body) {
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
        LogsException.class, () -> SERVICE.operations().get(operation).run(call));
  }

  private static void assertRefused(String operation, String body, String code, String message) {
    LogsException e = refused(operation, body);
    assertThat(e).as(body).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  private static <T extends LogsInput> T bind(String body, Class<T> type) {
    T input = JSON.decode(body.getBytes(StandardCharsets.UTF_8), type);
    input.validate();
    return input;
  }

  private static String encode(Object result) {
    return new String(JSON.encode(result, "Op", "request-1").body(), StandardCharsets.UTF_8);
  }

  @Test
  void bindsEveryMemberOfGetLogEventsByItsAwsName() {
    var in =
        bind(
            "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"startTime\":1,\"endTime\":2,"
                + "\"limit\":3,\"startFromHead\":true,\"nextToken\":\"f/1/2\",\"other\":{}}",
            GetLogEvents.Request.class);
    assertThat(in).isEqualTo(new GetLogEvents.Request("g", null, "s", 1L, 2L, 3L, true, "f/1/2"));
  }

  @Test
  void absentOptionalMembersBindAsNull() {
    var in = bind("{\"logGroupName\":\"g\"}", DescribeLogStreams.Request.class);
    assertThat(in)
        .isEqualTo(new DescribeLogStreams.Request("g", null, null, null, null, null, null));
  }

  @Test
  void anEmptyBodyIsAnEmptyRequest() {
    assertThat(bind("", DescribeLogGroups.Request.class))
        .isEqualTo(new DescribeLogGroups.Request(null, null, null, null));
  }

  @Test
  void aMemberOfTheWrongTypeIsASerializationException() {
    assertThatThrownBy(
            () -> JSON.decode("{\"limit\":{}}".getBytes(), DescribeLogGroups.Request.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessage("The member limit has the wrong type.");
    assertThatThrownBy(
            () ->
                JSON.decode("{\"logStreamNames\":\"a\"}".getBytes(), FilterLogEvents.Request.class))
        .isInstanceOf(Protocol.MalformedBody.class);
    assertThatThrownBy(
            () ->
                JSON.decode(
                    "{\"logEvents\":[{\"timestamp\":\"soon\",\"message\":\"m\"}]}".getBytes(),
                    PutLogEvents.Request.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessage("The member logEvents[0].timestamp has the wrong type.");
    assertThat(SERVICE.errors().malformed("m").code()).isEqualTo("SerializationException");
  }

  @Test
  void aMissingLogGroupIsNamedAsAwsNamesIt() {
    assertRefused(
        "GetLogEvents",
        "{\"logStreamName\":\"s\"}",
        "InvalidParameterException",
        "Should provide either log group name or log group arn.");
    assertRefused(
        "FilterLogEvents",
        "{\"logGroupName\":\"g\",\"logGroupIdentifier\":\"g\"}",
        "InvalidParameterException",
        "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    assertRefused(
        "DeleteLogGroup",
        "{}",
        "InvalidParameterException",
        "1 validation error detected: Value 'null' at 'logGroupName' failed to satisfy"
            + " constraint: Member must not be null and must have length greater than 0");
  }

  @Test
  void aLogGroupArnIdentifiesItsGroup() {
    var in =
        bind(
            "{\"logGroupIdentifier\":\"arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:*\","
                + "\"logStreamName\":\"s\"}",
            GetLogEvents.Request.class);
    assertThat(in.group()).isEqualTo("/aws/lambda/f");
    assertRefused(
        "GetLogEvents",
        "{\"logGroupIdentifier\":\"arn:aws:logs:us-east-1:1:function:f\",\"logStreamName\":\"s\"}",
        "InvalidParameterException",
        "Invalid log group identifier: arn:aws:logs:us-east-1:1:function:f");
  }

  @Test
  void limitsOutsideTheirRangeAreRefusedWithTheBoundInTheMessage() {
    assertRefused(
        "DescribeLogGroups",
        "{\"limit\":0}",
        "InvalidParameterException",
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member"
            + " must have value greater than or equal to 1");
    assertRefused(
        "GetLogEvents",
        "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"limit\":99999999999}",
        "InvalidParameterException",
        "1 validation error detected: Value '99999999999' at 'limit' failed to satisfy"
            + " constraint: Member must have value less than or equal to 10000");
    assertThat(bind("{\"limit\":50}", DescribeLogGroups.Request.class).pageSize()).isEqualTo(50);
    assertThat(bind("{}", DescribeLogGroups.Request.class).pageSize()).isEqualTo(50);
  }

  @Test
  void enumMembersTakeOnlyAwsValues() {
    assertRefused(
        "DescribeLogStreams",
        "{\"logGroupName\":\"g\",\"orderBy\":\"Size\"}",
        "InvalidParameterException",
        "1 validation error detected: Value 'Size' at 'orderBy' failed to satisfy constraint:"
            + " Member must satisfy enum value set: [LogStreamName, LastEventTime]");
    assertRefused(
        "PutRetentionPolicy",
        "{\"logGroupName\":\"g\",\"retentionInDays\":2}",
        "InvalidParameterException",
        "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120,"
            + " 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    assertThat(refused("PutRetentionPolicy", "{\"logGroupName\":\"g\"}").getMessage())
        .startsWith("1 validation error detected: Value 'null' at 'retentionInDays'");
    assertRefused(
        "DescribeLogStreams",
        "{\"logGroupName\":\"g\",\"orderBy\":\"LastEventTime\",\"logStreamNamePrefix\":\"a\"}",
        "InvalidParameterException",
        "Cannot order by LastEventTime with a logStreamNamePrefix.");
  }

  @Test
  void createdNamesFollowAwsPatterns() {
    assertRefused(
        "CreateLogGroup",
        "{\"logGroupName\":\"a b\"}",
        "InvalidParameterException",
        "1 validation error detected: Value 'a b' at 'logGroupName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    assertRefused(
        "CreateLogStream",
        "{\"logGroupName\":\"g\",\"logStreamName\":\"a:b\"}",
        "InvalidParameterException",
        "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [^:*]*");
  }

  @Test
  void mutuallyExclusiveFiltersAreRefused() {
    assertRefused(
        "DescribeLogGroups",
        "{\"logGroupNamePrefix\":\"a\",\"logGroupNamePattern\":\"b\"}",
        "InvalidParameterException",
        "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
    assertRefused(
        "FilterLogEvents",
        "{\"logGroupName\":\"g\",\"logStreamNames\":[\"a\"],\"logStreamNamePrefix\":\"b\"}",
        "InvalidParameterException",
        "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
    assertRefused(
        "FilterLogEvents",
        "{\"logGroupName\":\"g\",\"logStreamNames\":[]}",
        "InvalidParameterException",
        "1 validation error detected: Value '[]' at 'logStreamNames' failed to satisfy"
            + " constraint: Member must have length between 1 and 100");
  }

  @Test
  void aPutLogEventsBatchIsCheckedAgainstAwsLimits() {
    String target = "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",";
    assertRefused(
        "PutLogEvents",
        target + "\"logEvents\":[]}",
        "InvalidParameterException",
        "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint:"
            + " Member must have length greater than or equal to 1");
    assertRefused(
        "PutLogEvents",
        target + "\"logEvents\":[{\"message\":\"m\"}]}",
        "SerializationException",
        "each log event needs a timestamp and a message");
    assertRefused(
        "PutLogEvents",
        target
            + "\"logEvents\":[{\"timestamp\":2,\"message\":\"m\"},{\"timestamp\":1,\"message\":\"m\"}]}",
        "InvalidParameterException",
        "Log events in a single PutLogEvents request must be in chronological order.");
    assertRefused(
        "PutLogEvents",
        target
            + "\"logEvents\":[{\"timestamp\":0,\"message\":\"m\"},"
            + "{\"timestamp\":86400001,\"message\":\"m\"}]}",
        "InvalidParameterException",
        "The batch of log events in a single PutLogEvents request cannot span more than 24"
            + " hours.");
  }

  @Test
  void emptyResponsesAreAnEmptyObject() {
    assertThat(encode(Empty.INSTANCE)).isEqualTo("{}");
  }

  @Test
  void getLogEventsAnswersWithAwsMemberNamesInOrder() {
    var out = new GetLogEvents.Response(List.of(new GetLogEvents.Event(1, "m", 2)), "f/a", "b/a");
    assertThat(encode(out))
        .isEqualTo(
            "{\"events\":[{\"timestamp\":1,\"message\":\"m\",\"ingestionTime\":2}],"
                + "\"nextForwardToken\":\"f/a\",\"nextBackwardToken\":\"b/a\"}");
  }

  @Test
  void filterLogEventsOmitsTheTokenAtTheEnd() {
    var out =
        new FilterLogEvents.Response(
            List.of(new FilterLogEvents.Event("s", 1, "m", 2, "7")),
            List.of(new FilterLogEvents.SearchedStream("s", true)),
            null);
    assertThat(encode(out))
        .isEqualTo(
            "{\"events\":[{\"logStreamName\":\"s\",\"timestamp\":1,\"message\":\"m\","
                + "\"ingestionTime\":2,\"eventId\":\"7\"}],"
                + "\"searchedLogStreams\":[{\"logStreamName\":\"s\",\"searchedCompletely\":true}]}");
  }

  @Test
  void describeLogGroupsOmitsAnAbsentRetention() {
    var out =
        new DescribeLogGroups.Response(
            List.of(new DescribeLogGroups.Group("g", 1, null, 0, "a:*", 3, "STANDARD", "a")), "t");
    assertThat(encode(out))
        .isEqualTo(
            "{\"logGroups\":[{\"logGroupName\":\"g\",\"creationTime\":1,\"metricFilterCount\":0,"
                + "\"arn\":\"a:*\",\"storedBytes\":3,\"logGroupClass\":\"STANDARD\","
                + "\"logGroupArn\":\"a\"}],\"nextToken\":\"t\"}");
  }

  @Test
  void describeLogStreamsNamesEventTimesOnlyForStreamsWithEvents() {
    var out =
        new DescribeLogStreams.Response(
            List.of(
                new DescribeLogStreams.Stream("a", 1, null, null, null, "1", "arn", 0),
                new DescribeLogStreams.Stream("b", 1, 2L, 3L, 4L, "4", "arn", 5)),
            null);
    assertThat(encode(out))
        .isEqualTo(
            "{\"logStreams\":[{\"logStreamName\":\"a\",\"creationTime\":1,"
                + "\"uploadSequenceToken\":\"1\",\"arn\":\"arn\",\"storedBytes\":0},"
                + "{\"logStreamName\":\"b\",\"creationTime\":1,\"firstEventTimestamp\":2,"
                + "\"lastEventTimestamp\":3,\"lastIngestionTime\":4,"
                + "\"uploadSequenceToken\":\"4\",\"arn\":\"arn\",\"storedBytes\":5}]}");
  }

  @Test
  void putLogEventsReportsOnlyTheRejectionsThatHappened() {
    assertThat(encode(new PutLogEvents.Response("5", null)))
        .isEqualTo("{\"nextSequenceToken\":\"5\"}");
    assertThat(encode(new PutLogEvents.Response("5", new PutLogEvents.Rejected(null, 0, null))))
        .isEqualTo(
            "{\"nextSequenceToken\":\"5\",\"rejectedLogEventsInfo\":{\"tooOldLogEventEndIndex\":0}}");
  }
}
