package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a Logs API (2020-08-15) subscriber gets of the Telemetry API's events. */
class LogsApiSchemaTest {
  private static final String TIME = "{\"time\":\"2026-12-05T10:00:00.000Z\",";

  @Test
  void runtimeDoneBecomesEndInitEventsAreDroppedTheRestPassesAsIs() {
    assertThat(
            LogsApiSchema.of(
                TIME
                    + "\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\"r-1\","
                    + "\"status\":\"success\",\"metrics\":{\"durationMs\":1.5}}}"))
        .isEqualTo(TIME + "\"type\":\"platform.end\",\"record\":{\"requestId\":\"r-1\"}}");
    assertThat(
            LogsApiSchema.of(
                TIME + "\"type\":\"platform.initStart\",\"record\":{\"phase\":\"init\"}}"))
        .isNull();
    String start =
        TIME
            + "\"type\":\"platform.start\",\"record\":{\"requestId\":\"r-1\",\"version\":\"$LATEST\"}}";
    assertThat(LogsApiSchema.of(start)).isEqualTo(start);
    String line = TIME + "\"type\":\"function\",\"record\":\"hello\"}";
    assertThat(LogsApiSchema.of(line)).isEqualTo(line);
  }
}
