package dev.outlet.server;

import static dev.outlet.server.testkit.AwsErrors.assertError;
import static dev.outlet.server.testkit.AwsErrors.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The CloudWatch Logs API through the AWS SDK for Java v2 {@code CloudWatchLogsClient}, against a
 * real Outlet whose functions print the lines searched.
 */
class LogsApiSdkTest {

  /** Printed by {@code logs-sdk} on each invocation, in this order. */
  private static final List<String> LINES =
      List.of(
          "ERROR disk full on /dev/sda",
          "WARN disk almost full",
          "INFO request served in 12 ms",
          "{\"level\":\"ERROR\",\"latency\":250,\"user\":\"alice\"}",
          "{\"level\":\"INFO\",\"latency\":12,\"user\":\"bob\"}");

  private static final String GROUP = "/aws/lambda/logs-sdk";
  private static final String PAGES = "/aws/lambda/logs-pages";

  @TempDir static Path root;
  private static TestServer server;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
    logs = client(server.endpoint());
    server.create("logs-sdk", TestZips.bootstrap(printing(LINES)));
    server.create(
        "logs-pages", TestZips.bootstrap(Runtimes.printLines()), Map.of("LINE_COUNT", "25"));
    server.invoke("logs-sdk", "{}");
    server.invoke("logs-pages", "{}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> messages(GROUP, "REPORT").size() == 1 && messages(PAGES, "REPORT").size() == 1);
  }

  @AfterAll
  static void stop() {
    if (logs != null) {
      logs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void filterPatternsOfEachKindFindExactlyTheMatchingLines() {
    assertThat(messages(GROUP, "ERROR")).containsExactly(LINES.get(0), LINES.get(3));
    assertThat(messages(GROUP, "disk full")).containsExactly(LINES.get(0), LINES.get(1));
    assertThat(messages(GROUP, "\"disk full\"")).containsExactly(LINES.get(0));
    assertThat(messages(GROUP, "disk -WARN")).containsExactly(LINES.get(0));
    assertThat(messages(GROUP, "?WARN ?served")).containsExactly(LINES.get(1), LINES.get(2));
    assertThat(messages(GROUP, "{ $.level = \"ERROR\" }")).containsExactly(LINES.get(3));
    assertThat(messages(GROUP, "{ $.latency < 100 }")).containsExactly(LINES.get(4));
    assertThat(messages(GROUP, "{ $.user = al* || $.latency = 12 }"))
        .containsExactly(LINES.get(3), LINES.get(4));
    assertThat(messages(GROUP, "{ $.level = INFO && $.latency > 100 }")).isEmpty();
    assertThat(messages(GROUP, "REPORT"))
        .singleElement()
        .asString()
        .startsWith("REPORT RequestId: ")
        .contains("\tBilled Duration: ");
  }

  @Test
  void paginationWithASmallLimitReturnsEveryEventOnceInOrder() {
    List<FilteredLogEvent> all =
        logs.filterLogEvents(b -> b.logGroupName(PAGES).interleaved(true)).events();
    List<FilteredLogEvent> paged = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    String token = null;
    do {
      String from = token;
      FilterLogEventsResponse page =
          logs.filterLogEvents(b -> b.logGroupName(PAGES).limit(4).nextToken(from));
      assertThat(page.events()).hasSizeLessThanOrEqualTo(4);
      paged.addAll(page.events());
      token = page.nextToken();
      tokens.add(token);
    } while (token != null);
    assertThat(paged).isEqualTo(all);
    assertThat(new HashSet<>(tokens)).as("no token repeats").hasSameSizeAs(tokens);
    assertThat(paged.stream().map(FilteredLogEvent::eventId).distinct()).hasSameSizeAs(paged);
    assertThat(paged.stream().map(FilteredLogEvent::timestamp).toList()).isSorted();
    assertThat(paged.stream().map(FilteredLogEvent::message).filter(m -> m.startsWith("line ")))
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 25).mapToObj(i -> "line " + i + " of 25").toList());
    List<FilteredLogEvent> viaPaginator =
        logs.filterLogEventsPaginator(b -> b.logGroupName(PAGES).limit(3)).events().stream()
            .toList();
    assertThat(viaPaginator).isEqualTo(all);
  }

  @Test
  void getLogEventsPagesForwardAndBackward() {
    String stream =
        logs.describeLogStreams(b -> b.logGroupName(PAGES)).logStreams().get(0).logStreamName();
    List<String> every = messagesOf(page(stream, 10_000, true, null));
    assertThat(every).hasSizeGreaterThan(25).last().asString().startsWith("REPORT");

    GetLogEventsResponse first = page(stream, 10, true, null);
    assertThat(messagesOf(first)).isEqualTo(every.subList(0, 10));
    GetLogEventsResponse second = page(stream, 10, false, first.nextForwardToken());
    assertThat(messagesOf(second)).isEqualTo(every.subList(10, 20));
    GetLogEventsResponse back = page(stream, 10, false, second.nextBackwardToken());
    assertThat(messagesOf(back)).isEqualTo(every.subList(0, 10));

    GetLogEventsResponse newest = page(stream, 5, false, null);
    assertThat(messagesOf(newest)).isEqualTo(every.subList(every.size() - 5, every.size()));
    GetLogEventsResponse end = page(stream, 5, false, newest.nextForwardToken());
    assertThat(end.events()).isEmpty();
    assertThat(end.nextForwardToken())
        .as("the end repeats its token")
        .isEqualTo(newest.nextForwardToken());
    assertThat(end.nextBackwardToken()).startsWith("b/");
  }

  private static GetLogEventsResponse page(
      String stream, int limit, boolean fromHead, String token) {
    return logs.getLogEvents(
        b ->
            b.logGroupName(PAGES)
                .logStreamName(stream)
                .limit(limit)
                .startFromHead(fromHead)
                .nextToken(token));
  }

  @Test
  void describeLogStreamsOrdersByLastEventTimeDescending() {
    String group = "/custom/streams";
    logs.createLogGroup(b -> b.logGroupName(group));
    long now = System.currentTimeMillis();
    Map<String, Long> lastEvent = Map.of("a", now - 3_000, "b", now - 1_000, "c", now - 2_000);
    lastEvent.forEach(
        (name, ts) -> {
          logs.createLogStream(b -> b.logGroupName(group).logStreamName(name));
          logs.putLogEvents(
              b -> b.logGroupName(group).logStreamName(name).logEvents(event(ts, "hi " + name)));
        });
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("empty"));

    List<LogStream> byTime =
        logs.describeLogStreams(
                b -> b.logGroupName(group).orderBy(OrderBy.LAST_EVENT_TIME).descending(true))
            .logStreams();
    assertThat(byTime).extracting(LogStream::logStreamName).containsExactly("b", "c", "a", "empty");
    LogStream b = byTime.get(0);
    assertThat(b.lastEventTimestamp()).isEqualTo(now - 1_000);
    assertThat(b.firstEventTimestamp()).isEqualTo(now - 1_000);
    assertThat(b.lastIngestionTime()).isGreaterThanOrEqualTo(now);
    assertThat(b.arn())
        .isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:" + group + ":log-stream:b");
    assertThat(byTime.get(3).lastEventTimestamp()).as("an empty stream has none").isNull();

    var page1 = logs.describeLogStreams(r -> r.logGroupName(group).limit(2));
    var page2 =
        logs.describeLogStreams(r -> r.logGroupName(group).limit(2).nextToken(page1.nextToken()));
    assertThat(page1.logStreams()).extracting(LogStream::logStreamName).containsExactly("a", "b");
    assertThat(page2.logStreams())
        .extracting(LogStream::logStreamName)
        .containsExactly("c", "empty");
    assertThat(page2.nextToken()).isNull();
    var withPrefix =
        thrownBy(
            InvalidParameterException.class,
            () ->
                logs.describeLogStreams(
                    r ->
                        r.logGroupName(group)
                            .logStreamNamePrefix("a")
                            .orderBy(OrderBy.LAST_EVENT_TIME)));
    assertError(
        withPrefix,
        400,
        "InvalidParameterException",
        "Cannot order by LastEventTime with a logStreamNamePrefix.");
  }

  @Test
  void describeLogGroupsFiltersByPrefixAndPages() {
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/logs-")).logGroups())
        .extracting(LogGroup::logGroupName)
        .containsExactly(PAGES, GROUP);
    var first = logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/logs-").limit(1));
    var second =
        logs.describeLogGroups(
            b -> b.logGroupNamePrefix("/aws/lambda/logs-").limit(1).nextToken(first.nextToken()));
    assertThat(first.logGroups()).extracting(LogGroup::logGroupName).containsExactly(PAGES);
    assertThat(second.logGroups()).extracting(LogGroup::logGroupName).containsExactly(GROUP);
    LogGroup g = second.logGroups().get(0);
    assertThat(g.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:" + GROUP + ":*");
    assertThat(g.storedBytes()).isPositive();
  }

  @Test
  void aRetentionPolicyShowsInDescribeLogGroupsUntilDeleted() {
    logs.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(7));
    assertThat(group(GROUP).retentionInDays()).isEqualTo(7);
    var invalid =
        thrownBy(
            InvalidParameterException.class,
            () -> logs.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(2)));
    assertThat(invalid.awsErrorDetails().errorMessage()).contains("retentionInDays");
    logs.deleteRetentionPolicy(b -> b.logGroupName(GROUP));
    assertThat(group(GROUP).retentionInDays()).isNull();
  }

  @Test
  void putLogEventsIsReadableAtOnceAndReportsRejectedEvents() {
    String group = "/custom/put";
    logs.createLogGroup(b -> b.logGroupName(group));
    logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
    long now = System.currentTimeMillis();
    long old = now - 15 * 86_400_000L;
    PutLogEventsResponse tooNew =
        logs.putLogEvents(
            b ->
                b.logGroupName(group)
                    .logStreamName("s")
                    .logEvents(event(now, "kept"), event(now + 3 * 3_600_000L, "future")));
    assertThat(tooNew.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
    PutLogEventsResponse tooOld =
        logs.putLogEvents(
            b ->
                b.logGroupName(group)
                    .logStreamName("s")
                    .logEvents(event(old, "old"), event(old + 1, "old too")));
    assertThat(tooOld.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
    assertThat(messagesOf(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s"))))
        .containsExactly("kept");

    var duplicate =
        thrownBy(
            ResourceAlreadyExistsException.class,
            () -> logs.createLogGroup(b -> b.logGroupName(group)));
    assertError(
        duplicate, 400, "ResourceAlreadyExistsException", "The specified log group already exists");
    logs.deleteLogGroup(b -> b.logGroupName(group));
    var gone =
        thrownBy(
            ResourceNotFoundException.class,
            () -> logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")));
    assertError(gone, 400, "ResourceNotFoundException", "The specified log group does not exist.");
  }

  @Test
  void errorsCarryCloudWatchCodesAndMessages() {
    var noGroup =
        thrownBy(
            ResourceNotFoundException.class,
            () -> logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/nobody")));
    assertError(
        noGroup, 400, "ResourceNotFoundException", "The specified log group does not exist.");
    var noStream =
        thrownBy(
            ResourceNotFoundException.class,
            () -> logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("nope")));
    assertError(
        noStream, 400, "ResourceNotFoundException", "The specified log stream does not exist.");
    var badPattern =
        thrownBy(
            InvalidParameterException.class,
            () -> logs.filterLogEvents(b -> b.logGroupName(GROUP).filterPattern("{ $.a = ")));
    assertError(badPattern, 400, "InvalidParameterException", "Invalid filter pattern");
    thrownBy(
        InvalidParameterException.class,
        () ->
            logs.filterLogEvents(
                b -> b.logGroupName(GROUP).logStreamNames("x").logStreamNamePrefix("y")));

    HttpResponse<String> unknown = raw("Logs_20140328.StartQuery", "{}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
    assertThat(unknown.body()).contains("\"__type\":\"UnknownOperationException\"");
    HttpResponse<String> malformed = raw("Logs_20140328.DescribeLogGroups", "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("SerializationException");
    assertThat(malformed.headers().firstValue("Content-Type"))
        .hasValue("application/x-amz-json-1.1");
  }

  private static HttpResponse<String> raw(String target, String body) {
    return server.send(
        "POST",
        "/",
        body.getBytes(StandardCharsets.UTF_8),
        "X-Amz-Target",
        target,
        "Content-Type",
        "application/x-amz-json-1.1");
  }

  private static InputLogEvent event(long timestamp, String message) {
    return InputLogEvent.builder().timestamp(timestamp).message(message).build();
  }

  private static LogGroup group(String name) {
    return logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().get(0);
  }

  private static List<String> messages(String group, String pattern) {
    return logs.filterLogEvents(b -> b.logGroupName(group).filterPattern(pattern)).events().stream()
        .map(FilteredLogEvent::message)
        .toList();
  }

  private static List<String> messagesOf(GetLogEventsResponse response) {
    return response.events().stream().map(OutputLogEvent::message).toList();
  }

  /** A runtime (sh + curl, as the test kit's) that prints {@code lines} on each invocation. */
  private static String printing(List<String> lines) {
    StringBuilder echo = new StringBuilder();
    for (String line : lines) {
      echo.append("  printf '%s\\n' '").append(line).append("'\n");
    }
    return """
        #!/bin/sh
        API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
        WORK="${TMPDIR:-/tmp}/logs-runtime.$$"
        mkdir -p "$WORK"
        while true; do
          curl -sS -D "$WORK/headers" -o /dev/null "$API/invocation/next" || exit 1
          ID=$(grep -i '^lambda-runtime-aws-request-id:' "$WORK/headers" | cut -d: -f2 | tr -d ' \\r')
        %s
          curl -sS -o /dev/null -X POST --data-binary '"printed"' "$API/invocation/$ID/response"
        done
        """
        .formatted(echo);
  }

  static CloudWatchLogsClient client(String endpoint) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(30))
                    .retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
