package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query protocol's result XML, shape by shape. */
class QueryXmlTest {
  private static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  private static final Protocol QUERY = new Protocol.AwsQuery(NS);

  record Dimension(String Name, String Value) {}

  record Metric(
      String Namespace,
      @JsonProperty("MetricName") String name,
      List<Dimension> Dimensions,
      String Absent) {}

  private static String body(Object result, String operation) {
    Reply r = QUERY.encode(result, operation, "req-1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", "text/xml");
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void aResultIsWrappedInItsResponseResultAndResponseMetadata() {
    assertThat(body(map("Label", "Duration"), "GetMetricStatistics"))
        .isEqualTo(
            "<GetMetricStatisticsResponse xmlns=\""
                + NS
                + "\"><GetMetricStatisticsResult><Label>Duration</Label>"
                + "</GetMetricStatisticsResult><ResponseMetadata><RequestId>req-1</RequestId>"
                + "</ResponseMetadata></GetMetricStatisticsResponse>");
  }

  @Test
  void listsAreMemberElementsAndAnEmptyListIsAnEmptyElement() {
    assertThat(body(map("Values", List.of(1.5, 2.0), "Messages", List.of()), "Op"))
        .contains(
            "<OpResult><Values><member>1.5</member><member>2.0</member></Values>"
                + "<Messages></Messages></OpResult>");
  }

  @Test
  void aMapShapeIsEntryKeyValueWhileAPlainMapIsAStructure() {
    Object point =
        map(
            "Sum",
            3.0,
            "ExtendedStatistics",
            new MapShape(map("p50", 1.25, "p99", 2.0)),
            "Nested",
            map("A", "b"));
    assertThat(body(map("Datapoints", List.of(point)), "Op"))
        .contains(
            "<Datapoints><member><Sum>3.0</Sum><ExtendedStatistics>"
                + "<entry><key>p50</key><value>1.25</value></entry>"
                + "<entry><key>p99</key><value>2.0</value></entry></ExtendedStatistics>"
                + "<Nested><A>b</A></Nested></member></Datapoints>");
  }

  @Test
  void recordsAreStructuresInComponentOrderRenamedByJsonPropertyWithNullsLeftOut() {
    Metric m = new Metric("AWS/Lambda", "Invocations", List.of(new Dimension("F", "f")), null);
    assertThat(body(Map.of("Metrics", List.of(m)), "ListMetrics"))
        .contains(
            "<ListMetricsResult><Metrics><member><Namespace>AWS/Lambda</Namespace>"
                + "<MetricName>Invocations</MetricName><Dimensions><member><Name>F</Name>"
                + "<Value>f</Value></member></Dimensions></member></Metrics></ListMetricsResult>")
        .doesNotContain("Absent");
  }

  @Test
  void timestampsAreIso8601InUtcToTheMillisecond() {
    assertThat(
            body(
                map(
                    "Whole", Instant.parse("2026-11-27T10:00:00Z"),
                    "Fraction", Instant.parse("2026-11-27T10:00:00.123456789Z")),
                "Op"))
        .contains(
            "<Whole>2026-11-27T10:00:00Z</Whole><Fraction>2026-11-27T10:00:00.123Z</Fraction>");
  }

  @Test
  void numbersKeepTheFormattingClientsRead() {
    assertThat(QueryXml.scalar(15.0)).isEqualTo("15.0");
    assertThat(QueryXml.scalar(12_000_000.0)).isEqualTo("12000000.0");
    assertThat(QueryXml.scalar(0.25)).isEqualTo("0.25");
    assertThat(QueryXml.scalar(1e20)).isEqualTo("1.0E20");
    assertThat(QueryXml.scalar(12345678.5)).isEqualTo("1.23456785E7");
    assertThat(QueryXml.scalar(0.1f)).isEqualTo("0.1");
    assertThat(QueryXml.scalar(42)).isEqualTo("42");
    assertThat(QueryXml.scalar(7L)).isEqualTo("7");
    assertThat(QueryXml.scalar(true)).isEqualTo("true");
    assertThat(QueryXml.scalar("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo("YWJj");
  }

  @Test
  void textIsEscaped() {
    assertThat(body(map("Label", "a<b & \"c\""), "Op"))
        .contains("<Label>a&lt;b &amp; &quot;c&quot;</Label>");
  }

  @Test
  void anOperationWithoutOutputHasNoResultElement() {
    assertThat(body(null, "DeleteQueue"))
        .isEqualTo(
            "<DeleteQueueResponse xmlns=\""
                + NS
                + "\"><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                + "</DeleteQueueResponse>");
  }

  @Test
  void aReadyReplyIsSentAsIsAndANonStructureIsAFault() {
    Reply ready = Reply.ok("text/xml", new byte[] {'x'});
    assertThat(QUERY.encode(ready, "Op", "id")).isSameAs(ready);
    assertThatThrownBy(() -> QUERY.encode(List.of(1), "Op", "id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a structure");
  }
}
