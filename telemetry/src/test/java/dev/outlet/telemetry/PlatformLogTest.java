package dev.outlet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.LoggingConfig;
import org.junit.jupiter.api.Test;

class PlatformLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PlatformLog TEXT = PlatformLog.of(LoggingConfig.DEFAULT);
  private static final PlatformLog STRUCTURED =
      PlatformLog.of(new LoggingConfig("JSON", "INFO", "INFO", null));

  @Test
  void textIsLambdasLines() {
    assertThat(TEXT.start("id", "$LATEST")).isEqualTo("START RequestId: id Version: $LATEST");
    assertThat(TEXT.end("id", null, 1.5)).isEqualTo("END RequestId: id");
    assertThat(TEXT.error("id", "boom", "Runtime.ExitError"))
        .isEqualTo("RequestId: id Error: boom\nRuntime.ExitError");
  }

  @Test
  void jsonIsTheTelemetryApisEvents() throws Exception {
    JsonNode start = JSON.readTree(STRUCTURED.start("id", "$LATEST"));
    assertThat(start.get("type").asText()).isEqualTo("platform.start");
    assertThat(start.get("time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(start.get("record").toString())
        .isEqualTo("{\"requestId\":\"id\",\"version\":\"$LATEST\"}");

    JsonNode report =
        JSON.readTree(
            STRUCTURED.report("id", 12.345, 13, 128, 40, 100.5, "error", "Runtime.Exit\"Error"));
    assertThat(report.get("type").asText()).isEqualTo("platform.report");
    assertThat(report.at("/record/metrics").toString())
        .isEqualTo(
            "{\"durationMs\":12.35,\"billedDurationMs\":13,\"memorySizeMB\":128,\"maxMemoryUsedMB\":40,\"initDurationMs\":100.5}");
    assertThat(report.at("/record/status").asText()).isEqualTo("error");
    assertThat(report.at("/record/errorType").asText()).isEqualTo("Runtime.Exit\"Error");

    JsonNode done = JSON.readTree(STRUCTURED.end("id", null, 2));
    assertThat(done.get("type").asText()).isEqualTo("platform.runtimeDone");
    assertThat(done.at("/record/status").asText()).isEqualTo("success");
    assertThat(STRUCTURED.error("id", "boom", "x")).as("the report carries it").isNull();

    JsonNode init = JSON.readTree(STRUCTURED.initStart("python:3.11.2", "arn", "fn", "$LATEST"));
    assertThat(init.at("/record/runtimeVersion").asText()).isEqualTo("python:3.11.2");
    assertThat(init.at("/record/initializationType").asText()).isEqualTo("on-demand");
  }

  @Test
  void systemLogLevelWarnLeavesOutLambdasInfoEvents() {
    PlatformLog quiet = PlatformLog.of(new LoggingConfig("JSON", "INFO", "WARN", null));
    assertThat(quiet.start("id", "$LATEST")).isNull();
    assertThat(quiet.report("id", 1, 1, 128, 1, -1, null, null)).isNull();
    assertThat(quiet.initStart("v", "arn", "fn", "$LATEST")).isNull();
  }
}
