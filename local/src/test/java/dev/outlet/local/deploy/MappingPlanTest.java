package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.sam.SamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingPlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String Q = "arn:aws:sqs:us-east-1:000000000000:orders";
  private static final SamEvent.Sqs EVENT =
      new SamEvent.Sqs(
          "New",
          Q,
          5,
          1,
          true,
          List.of("{\"body\":{\"kind\":[\"order\"]}}"),
          List.of("ReportBatchItemFailures"),
          null);

  private static JsonNode mapping(String uuid, String queue, int batch, String state)
      throws Exception {
    return JSON.readTree(
        """
        {"UUID":"%s","EventSourceArn":"%s","FunctionArn":"arn:aws:lambda:us-east-1:0:function:f",
         "BatchSize":%d,"MaximumBatchingWindowInSeconds":1,"State":"%s",
         "FilterCriteria":{"Filters":[{"Pattern":"{\\"body\\": {\\"kind\\": [\\"order\\"]}}"}]},
         "FunctionResponseTypes":["ReportBatchItemFailures"]}
        """
            .formatted(uuid, queue, batch, state));
  }

  @Test
  void aNewEventIsCreated() {
    List<MappingPlan.Step> steps = MappingPlan.plan("f", List.of(EVENT), List.of());
    assertThat(steps)
        .containsExactly(new MappingPlan.Step.Create(new MappingPlan.Wanted("f", EVENT)));
    assertThat(steps.get(0).describe()).isEqualTo("+ sqs mapping orders → f");
  }

  @Test
  void aMappingAsTheTemplateSaysIsLeftAloneWhileStillCreating() throws Exception {
    assertThat(MappingPlan.plan("f", List.of(EVENT), List.of(mapping("u1", Q, 5, "Creating"))))
        .isEmpty();
  }

  @Test
  void changedFieldsAreUpdatedAndOnlyThose() throws Exception {
    List<MappingPlan.Step> steps =
        MappingPlan.plan("f", List.of(EVENT), List.of(mapping("u1", Q, 10, "Disabled")));
    assertThat(steps).hasSize(1);
    MappingPlan.Step.Update u = (MappingPlan.Step.Update) steps.get(0);
    assertThat(u.uuid()).isEqualTo("u1");
    assertThat(u.fields()).containsExactly("BatchSize", "Enabled");
    assertThat(u.describe())
        .isEqualTo("~ sqs mapping orders → f: BatchSize 10 → 5, Enabled false → true");
  }

  @Test
  void removedFiltersResponseTypesAndScalingAreCleared() throws Exception {
    SamEvent.Sqs bare = new SamEvent.Sqs("New", Q, 5, 1, true, List.of(), List.of(), 7);
    MappingPlan.Step.Update u =
        (MappingPlan.Step.Update)
            MappingPlan.plan("f", List.of(bare), List.of(mapping("u1", Q, 5, "Enabled"))).get(0);
    assertThat(u.fields())
        .containsExactly("FilterCriteria", "FunctionResponseTypes", "ScalingConfig");
  }

  @Test
  void anSqsMappingTheTemplateNoLongerHasIsDeletedOthersAreKept() throws Exception {
    JsonNode kinesis =
        JSON.readTree(
            "{\"UUID\":\"k\",\"EventSourceArn\":\"arn:aws:kinesis:us-east-1:0:stream/s\"}");
    List<MappingPlan.Step> steps =
        MappingPlan.plan("f", List.of(), List.of(mapping("u1", Q, 5, "Enabled"), kinesis));
    assertThat(steps).containsExactly(new MappingPlan.Step.Delete("u1", "f", Q));
    assertThat(steps.get(0).describe()).isEqualTo("- sqs mapping orders → f");
  }
}
