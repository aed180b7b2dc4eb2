package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.deploy.InvokeConfigPlan.Action;
import dev.outlet.local.sam.SamInvokeConfig;
import org.junit.jupiter.api.Test;

class InvokeConfigPlanTest {
  private static final String Q = "arn:aws:sqs:us-east-1:000000000000:failures";
  private static final SamInvokeConfig WANTED = new SamInvokeConfig(0, null, null, Q);

  private static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void aConfigTheServerLacksIsPut() {
    InvokeConfigPlan p = InvokeConfigPlan.of("s-Fn", WANTED, null);
    assertThat(p.action()).isEqualTo(Action.PUT);
    assertThat(p.describe()).isEqualTo("+ event invoke config s-Fn");
    assertThat(p.body().toString())
        .isEqualTo(
            "{\"MaximumRetryAttempts\":0,\"DestinationConfig\":{\"OnFailure\":{\"Destination\":\""
                + Q
                + "\"}}}");
  }

  @Test
  void theSameConfigChangesNothing() throws Exception {
    JsonNode current =
        json(
            "{\"FunctionArn\":\"arn\",\"MaximumRetryAttempts\":0,\"DestinationConfig\":"
                + "{\"OnSuccess\":{\"Destination\":null},\"OnFailure\":{\"Destination\":\""
                + Q
                + "\"}}}");
    assertThat(InvokeConfigPlan.of("s-Fn", WANTED, current).changes()).isFalse();
  }

  @Test
  void differencesAreNamedFieldByField() throws Exception {
    JsonNode current =
        json(
            "{\"MaximumRetryAttempts\":2,\"MaximumEventAgeInSeconds\":60,"
                + "\"DestinationConfig\":{\"OnSuccess\":{\"Destination\":\"arn:s\"}}}");
    InvokeConfigPlan p = InvokeConfigPlan.of("s-Fn", WANTED, current);
    assertThat(p.action()).isEqualTo(Action.PUT);
    assertThat(p.describe())
        .isEqualTo(
            "~ event invoke config s-Fn: MaximumRetryAttempts 2 → 0, MaximumEventAgeInSeconds 60"
                + " → (none), OnSuccess arn:s → (none), OnFailure (none) → "
                + Q);
  }

  @Test
  void aConfigRemovedFromTheTemplateIsDeleted() throws Exception {
    InvokeConfigPlan p = InvokeConfigPlan.of("s-Fn", null, json("{\"MaximumRetryAttempts\":1}"));
    assertThat(p.action()).isEqualTo(Action.DELETE);
    assertThat(p.describe()).isEqualTo("- event invoke config s-Fn");
  }

  @Test
  void noConfigOnEitherSideChangesNothing() {
    assertThat(InvokeConfigPlan.of("s-Fn", null, null).changes()).isFalse();
  }
}
