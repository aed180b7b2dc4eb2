package dev.outlet.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingRulesTest {
  private static MappingWire.Request request(
      Integer batch, Integer window, Integer concurrency, List<String> types, String pattern) {
    return new MappingWire.Request(
        null,
        "f",
        null,
        batch,
        window,
        pattern == null
            ? null
            : new MappingWire.FilterCriteria(List.of(new MappingWire.Filter(pattern))),
        types,
        concurrency == null ? null : new MappingWire.ScalingConfig(concurrency),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static ErrorCode code(Runnable r) {
    try {
      r.run();
    } catch (LambdaException e) {
      return e.code();
    }
    throw new AssertionError("accepted");
  }

  @Test
  void defaultsAreLambdasForAQueue() {
    MappingRules.Settings s = MappingRules.create(request(null, null, null, null, null), false);
    assertThat(s.batchSize()).isEqualTo(10);
    assertThat(s.windowSeconds()).isZero();
    assertThat(s.enabled()).isTrue();
    assertThat(s.reportItemFailures()).isFalse();
    assertThat(s.filters()).isEmpty();
    assertThat(s.maxConcurrency()).isNull();
  }

  @Test
  void rangesAreValidationErrorsAndCombinationsInvalidParameters() {
    assertThat(code(() -> MappingRules.create(request(0, null, null, null, null), false)))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(code(() -> MappingRules.create(request(10_001, 5, null, null, null), false)))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(code(() -> MappingRules.create(request(null, 301, null, null, null), false)))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(code(() -> MappingRules.create(request(null, null, 1001, null, null), false)))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(
            code(
                () ->
                    MappingRules.create(request(null, null, null, List.of("Other"), null), false)))
        .isEqualTo(ErrorCode.VALIDATION);
    assertThat(code(() -> MappingRules.create(request(11, 0, null, null, null), false)))
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThat(code(() -> MappingRules.create(request(11, 1, null, null, null), true)))
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThat(code(() -> MappingRules.create(request(5, 1, null, null, null), true)))
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThat(code(() -> MappingRules.create(request(null, null, null, null, "{\"a\":1}"), false)))
        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThat(MappingRules.create(request(10_000, 300, 1000, null, null), false).batchSize())
        .isEqualTo(10_000);
  }

  @Test
  void anUpdateKeepsWhatItLeavesOutAndAnEmptyListClears() {
    Mapping old =
        new Mapping(
            "u",
            "arn:aws:sqs:us-east-1:000000000000:q",
            "f",
            "arn",
            50,
            5,
            List.of("{\"body\":[\"x\"]}"),
            true,
            7,
            true,
            Instant.EPOCH);
    MappingRules.Settings s =
        MappingRules.update(request(null, null, null, List.of(), null), old, false);
    assertThat(s.batchSize()).isEqualTo(50);
    assertThat(s.windowSeconds()).isEqualTo(5);
    assertThat(s.maxConcurrency()).isEqualTo(7);
    assertThat(s.filters()).hasSize(1);
    assertThat(s.reportItemFailures()).isFalse();
    assertThatThrownBy(() -> MappingRules.update(request(null, 0, null, null, null), old, false))
        .hasMessageContaining("Maximum batch window in seconds must be greater than 0");
  }

  @Test
  void aVisibilityTimeoutShorterThanTheFunctionsTimeoutIsRefused() {
    assertThatThrownBy(() -> MappingRules.visibilityCoversTimeout(30, 60))
        .hasMessage(
            "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
    MappingRules.visibilityCoversTimeout(60, 60);
  }
}
