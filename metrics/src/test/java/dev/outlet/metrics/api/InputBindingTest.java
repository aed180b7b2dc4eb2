package dev.outlet.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Protocol;
import dev.outlet.metrics.api.GetMetricDataInput.LabelOptions;
import dev.outlet.metrics.api.GetMetricDataInput.MetricDataQuery;
import dev.outlet.metrics.api.GetMetricDataInput.MetricStat;
import dev.outlet.metrics.api.ListMetricsInput.DimensionFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each operation's input binds to the same record from a query form, AWS JSON 1.0 and RPC v2 CBOR,
 * through the edge's own protocols; timestamps and periods are read in every form CloudWatch's
 * clients send, and refused with CloudWatch's words otherwise.
 */
class InputBindingTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z"); // 1795773600 s
  private static final Protocol QUERY = new Protocol.AwsQuery(MetricsService.NAMESPACE);
  private static final Protocol JSON = new Protocol.AwsJson("1.0", true);
  private static final Protocol CBOR = new Protocol.RpcV2Cbor(true);

  private static <T> T form(String body, Class<T> type) {
    return QUERY.decode(body.getBytes(StandardCharsets.UTF_8), type);
  }

  private static <T> T json(String body, Class<T> type) {
    return JSON.decode(body.getBytes(StandardCharsets.UTF_8), type);
  }

  /** Writes a CBOR body as an SDK does; timestamps go behind tag 1 ({@link #epoch}). */
  private interface CborBody {
    void write(CBORGenerator g) throws IOException;
  }

  private static <T> T cbor(CborBody body, Class<T> type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = (CBORGenerator) Protocol.Codecs.CBOR.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CBOR.decode(out.toByteArray(), type);
  }

  private static void epoch(CBORGenerator g, String name, Number seconds) throws IOException {
    g.writeFieldName(name);
    g.writeTag(1);
    if (seconds instanceof Double d) {
      g.writeNumber(d);
    } else {
      g.writeNumber(seconds.longValue());
    }
  }

  private static void strings(CBORGenerator g, String name, String... values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void dimension(CBORGenerator g, String name, String value) throws IOException {
    g.writeStartObject();
    g.writeStringField("Name", name);
    if (value != null) {
      g.writeStringField("Value", value);
    }
    g.writeEndObject();
  }

  @Test
  void getMetricStatisticsBindsToTheSameRecordFromAFormJsonAndCbor() {
    GetMetricStatisticsInput expected =
        new GetMetricStatisticsInput(
            "AWS/Lambda",
            "Duration",
            List.of(new Dimension("FunctionName", "f")),
            T0,
            T0.plusSeconds(300).plusMillis(500),
            60,
            List.of("Average", "Maximum"),
            List.of("p99"),
            "Milliseconds");
    GetMetricStatisticsInput fromForm =
        form(
            "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FLambda"
                + "&MetricName=Duration&Dimensions.member.1.Name=FunctionName"
                + "&Dimensions.member.1.Value=f&StartTime=2026-11-27T10%3A00%3A00Z"
                + "&EndTime=2026-11-27T10%3A05%3A00.500Z&Period=60"
                + "&Statistics.member.2=Maximum&Statistics.member.1=Average"
                + "&ExtendedStatistics.member.1=p99&Unit=Milliseconds",
            GetMetricStatisticsInput.class);
    GetMetricStatisticsInput fromJson =
        json(
            """
            {"Namespace":"AWS/Lambda","MetricName":"Duration",
             "Dimensions":[{"Name":"FunctionName","Value":"f"}],
             "StartTime":1795773600,"EndTime":1795773900.5,"Period":60,
             "Statistics":["Average","Maximum"],"ExtendedStatistics":["p99"],
             "Unit":"Milliseconds","Unknown":true}
            """,
            GetMetricStatisticsInput.class);
    GetMetricStatisticsInput fromCbor =
        cbor(
            g -> {
              g.writeStringField("Namespace", "AWS/Lambda");
              g.writeStringField("MetricName", "Duration");
              g.writeArrayFieldStart("Dimensions");
              dimension(g, "FunctionName", "f");
              g.writeEndArray();
              epoch(g, "StartTime", 1795773600L);
              epoch(g, "EndTime", 1795773900.5);
              g.writeNumberField("Period", 60);
              strings(g, "Statistics", "Average", "Maximum");
              strings(g, "ExtendedStatistics", "p99");
              g.writeStringField("Unit", "Milliseconds");
            },
            GetMetricStatisticsInput.class);
    assertThat(fromForm).isEqualTo(expected);
    assertThat(fromJson).isEqualTo(expected);
    assertThat(fromCbor).isEqualTo(expected);
  }

  @Test
  void getMetricDataBindsToTheSameRecordFromAFormJsonAndCbor() {
    GetMetricDataInput expected =
        new GetMetricDataInput(
            List.of(
                new MetricDataQuery(
                    "inv",
                    new MetricStat(
                        new Metric(
                            "AWS/Lambda",
                            "Invocations",
                            List.of(new Dimension("FunctionName", "f"))),
                        300,
                        "Sum",
                        null),
                    null,
                    "calls",
                    null,
                    null,
                    null),
                new MetricDataQuery(
                    "hidden",
                    new MetricStat(new Metric("AWS/Lambda", "Errors", null), 60, "p99", "Count"),
                    null,
                    null,
                    false,
                    null,
                    null)),
            T0,
            T0.plusSeconds(3600),
            null,
            "TimestampAscending",
            100,
            new LabelOptions("+0130"));
    GetMetricDataInput fromForm =
        form(
            "Action=GetMetricData&MetricDataQueries.member.1.Id=inv"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FLambda"
                + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=Invocations"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=FunctionName"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=f"
                + "&MetricDataQueries.member.1.MetricStat.Period=300"
                + "&MetricDataQueries.member.1.MetricStat.Stat=Sum"
                + "&MetricDataQueries.member.1.Label=calls"
                + "&MetricDataQueries.member.2.Id=hidden"
                + "&MetricDataQueries.member.2.MetricStat.Metric.Namespace=AWS%2FLambda"
                + "&MetricDataQueries.member.2.MetricStat.Metric.MetricName=Errors"
                + "&MetricDataQueries.member.2.MetricStat.Period=60"
                + "&MetricDataQueries.member.2.MetricStat.Stat=p99"
                + "&MetricDataQueries.member.2.MetricStat.Unit=Count"
                + "&MetricDataQueries.member.2.ReturnData=false"
                + "&StartTime=2026-11-27T10%3A00%3A00Z&EndTime=2026-11-27T11%3A00%3A00Z"
                + "&ScanBy=TimestampAscending&MaxDatapoints=100&LabelOptions.Timezone=%2B0130",
            GetMetricDataInput.class);
    GetMetricDataInput fromJson =
        json(
            """
            {"MetricDataQueries":[
              {"Id":"inv","Label":"calls","MetricStat":{"Metric":{"Namespace":"AWS/Lambda",
               "MetricName":"Invocations","Dimensions":[{"Name":"FunctionName","Value":"f"}]},
               "Period":300,"Stat":"Sum"}},
              {"Id":"hidden","ReturnData":false,"MetricStat":{"Metric":{"Namespace":"AWS/Lambda",
               "MetricName":"Errors"},"Period":60,"Stat":"p99","Unit":"Count"}}],
             "StartTime":1795773600,"EndTime":1795777200,"ScanBy":"TimestampAscending",
             "MaxDatapoints":100,"LabelOptions":{"Timezone":"+0130"}}
            """,
            GetMetricDataInput.class);
    GetMetricDataInput fromCbor =
        cbor(
            g -> {
              g.writeArrayFieldStart("MetricDataQueries");
              g.writeStartObject();
              g.writeStringField("Id", "inv");
              g.writeObjectFieldStart("MetricStat");
              g.writeObjectFieldStart("Metric");
              g.writeStringField("Namespace", "AWS/Lambda");
              g.writeStringField("MetricName", "Invocations");
              g.writeArrayFieldStart("Dimensions");
              dimension(g, "FunctionName", "f");
              g.writeEndArray();
              g.writeEndObject();
              g.writeNumberField("Period", 300);
              g.writeStringField("Stat", "Sum");
              g.writeEndObject();
              g.writeStringField("Label", "calls");
              g.writeEndObject();
              g.writeStartObject();
              g.writeStringField("Id", "hidden");
              g.writeObjectFieldStart("MetricStat");
              g.writeObjectFieldStart("Metric");
              g.writeStringField("Namespace", "AWS/Lambda");
              g.writeStringField("MetricName", "Errors");
              g.writeEndObject();
              g.writeNumberField("Period", 60);
              g.writeStringField("Stat", "p99");
              g.writeStringField("Unit", "Count");
              g.writeEndObject();
              g.writeBooleanField("ReturnData", false);
              g.writeEndObject();
              g.writeEndArray();
              epoch(g, "StartTime", 1795773600L);
              epoch(g, "EndTime", 1795777200L);
              g.writeStringField("ScanBy", "TimestampAscending");
              g.writeNumberField("MaxDatapoints", 100);
              g.writeObjectFieldStart("LabelOptions");
              g.writeStringField("Timezone", "+0130");
              g.writeEndObject();
            },
            GetMetricDataInput.class);
    assertThat(fromForm).isEqualTo(expected);
    assertThat(fromJson).isEqualTo(expected);
    assertThat(fromCbor).isEqualTo(expected);
  }

  @Test
  void listMetricsBindsToTheSameRecordFromAFormJsonAndCbor() {
    ListMetricsInput expected =
        new ListMetricsInput(
            "AWS/Lambda",
            "Invocations",
            List.of(
                new DimensionFilter("FunctionName", "f"), new DimensionFilter("Resource", null)),
            "t",
            "PT3H",
            true,
            null);
    ListMetricsInput fromForm =
        form(
            "Action=ListMetrics&Namespace=AWS%2FLambda&MetricName=Invocations"
                + "&Dimensions.member.1.Name=FunctionName&Dimensions.member.1.Value=f"
                + "&Dimensions.member.2.Name=Resource&NextToken=t&RecentlyActive=PT3H"
                + "&IncludeLinkedAccounts=true",
            ListMetricsInput.class);
    ListMetricsInput fromJson =
        json(
            """
            {"Namespace":"AWS/Lambda","MetricName":"Invocations",
             "Dimensions":[{"Name":"FunctionName","Value":"f"},{"Name":"Resource"}],
             "NextToken":"t","RecentlyActive":"PT3H","IncludeLinkedAccounts":true}
            """,
            ListMetricsInput.class);
    ListMetricsInput fromCbor =
        cbor(
            g -> {
              g.writeStringField("Namespace", "AWS/Lambda");
              g.writeStringField("MetricName", "Invocations");
              g.writeArrayFieldStart("Dimensions");
              dimension(g, "FunctionName", "f");
              dimension(g, "Resource", null);
              g.writeEndArray();
              g.writeStringField("NextToken", "t");
              g.writeStringField("RecentlyActive", "PT3H");
              g.writeBooleanField("IncludeLinkedAccounts", true);
            },
            ListMetricsInput.class);
    assertThat(fromForm).isEqualTo(expected);
    assertThat(fromJson).isEqualTo(expected);
    assertThat(fromCbor).isEqualTo(expected);
  }

  @Test
  void anEmptyBodyBindsEveryMemberAbsentAndEveryListEmpty() {
    for (Protocol protocol : List.of(QUERY, JSON, CBOR)) {
      assertThat(protocol.decode(new byte[0], ListMetricsInput.class))
          .isEqualTo(new ListMetricsInput(null, null, List.of(), null, null, null, null));
    }
    assertThat(form("Action=ListMetrics&Dimensions=", ListMetricsInput.class).Dimensions())
        .as("an SDK's empty list")
        .isEmpty();
  }

  private static Instant startFromForm(String value) {
    return form("StartTime=" + value, GetMetricStatisticsInput.class).StartTime();
  }

  @Test
  void timestampsAreReadInEveryFormCloudWatchAccepts() {
    assertThat(startFromForm("2026-11-27T10:00:00Z")).isEqualTo(T0);
    assertThat(startFromForm("2026-11-27T11:30:00%2B01:30")).as("an offset").isEqualTo(T0);
    assertThat(startFromForm("2026-11-27T10:00:00")).as("no offset: UTC").isEqualTo(T0);
    assertThat(startFromForm("2026-11-27T10:00:00.250Z")).isEqualTo(T0.plusMillis(250));
    assertThat(startFromForm("1795773600")).as("epoch seconds").isEqualTo(T0);
    assertThat(startFromForm("1795773600.25")).isEqualTo(T0.plusMillis(250));
    assertThat(startFromForm("%201795773600%20")).as("padded").isEqualTo(T0);
    assertThat(json("{\"StartTime\":1795773600}", GetMetricStatisticsInput.class).StartTime())
        .isEqualTo(T0);
    assertThat(json("{\"StartTime\":1795773600.25}", GetMetricStatisticsInput.class).StartTime())
        .isEqualTo(T0.plusMillis(250));
    assertThat(
            json("{\"StartTime\":\"2026-11-27T10:00:00Z\"}", GetMetricStatisticsInput.class)
                .StartTime())
        .as("a string in JSON")
        .isEqualTo(T0);
    assertThat(
            cbor(g -> epoch(g, "StartTime", 1795773600.25), GetMetricStatisticsInput.class)
                .StartTime())
        .isEqualTo(T0.plusMillis(250));
  }

  @Test
  void anEmptyOrNullTimestampOrPeriodIsAbsent() {
    GetMetricStatisticsInput in =
        form("StartTime=&EndTime=&Period=", GetMetricStatisticsInput.class);
    assertThat(in.StartTime()).isNull();
    assertThat(in.EndTime()).isNull();
    assertThat(in.Period()).isNull();
    assertThat(
            json("{\"StartTime\":null,\"Period\":null}", GetMetricStatisticsInput.class)
                .StartTime())
        .isNull();
  }

  private static void refused(Runnable decode, String message) {
    assertThatThrownBy(decode::run)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.queryCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.code()).isEqualTo("InvalidParameterValueException");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void anUnreadableTimestampIsRefusedWithCloudWatchsWordsInEveryProtocol() {
    String words = "The parameter EndTime must be an ISO 8601 timestamp, got yesterday.";
    refused(() -> form("EndTime=yesterday", GetMetricStatisticsInput.class), words);
    refused(() -> json("{\"EndTime\":\"yesterday\"}", GetMetricStatisticsInput.class), words);
    refused(
        () -> cbor(g -> g.writeStringField("EndTime", "yesterday"), GetMetricDataInput.class),
        words);
    refused(
        () -> form("StartTime=2026-13-01T00:00:00Z", GetMetricDataInput.class),
        "The parameter StartTime must be an ISO 8601 timestamp, got 2026-13-01T00:00:00Z.");
  }

  @Test
  void anUnreadablePeriodIsRefusedWithCloudWatchsWordsWhereverItIs() {
    String words = "The parameter Period must be a number, got sixty.";
    refused(() -> form("Period=sixty", GetMetricStatisticsInput.class), words);
    refused(() -> json("{\"Period\":\"sixty\"}", GetMetricStatisticsInput.class), words);
    refused(
        () ->
            form(
                "MetricDataQueries.member.1.Id=a&MetricDataQueries.member.1.MetricStat.Period=sixty",
                GetMetricDataInput.class),
        words);
    assertThat(form("Period=60.9", GetMetricStatisticsInput.class).Period())
        .as("a fraction is cut off")
        .isEqualTo(60);
    assertThat(json("{\"Period\":60.9}", GetMetricStatisticsInput.class).Period()).isEqualTo(60);
  }

  @Test
  void aMemberOfTheWrongShapeIsAMalformedBody() {
    assertThatThrownBy(() -> json("{\"Dimensions\":\"f\"}", GetMetricStatisticsInput.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessageContaining("Dimensions");
    assertThatThrownBy(() -> json("{\"StartTime\":[1]}", GetMetricStatisticsInput.class))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessageContaining("StartTime");
    assertThatThrownBy(() -> form("MetricDataQueries=x", GetMetricDataInput.class))
        .isInstanceOf(Protocol.MalformedBody.class);
    assertThatThrownBy(() -> json("{\"Statistics\":[null]}", GetMetricStatisticsInput.class))
        .as("lists hold no nulls")
        .isInstanceOf(Protocol.MalformedBody.class);
  }
}
