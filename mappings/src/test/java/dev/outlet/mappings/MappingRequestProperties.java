package dev.outlet.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.api.WireJson;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A CreateEventSourceMapping or UpdateEventSourceMapping body from the network: any bytes bind and
 * check to settings or to Lambda's error, never another exception.
 */
class MappingRequestProperties {
  @Provide
  Arbitrary<byte[]> bodies() {
    return Fuzz.mutationsOf(
        List.of(
            ("{\"EventSourceArn\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"FunctionName\":\"f\","
                    + "\"BatchSize\":50,\"MaximumBatchingWindowInSeconds\":2,"
                    + "\"FunctionResponseTypes\":[\"ReportBatchItemFailures\"],"
                    + "\"ScalingConfig\":{\"MaximumConcurrency\":5},"
                    + "\"FilterCriteria\":{\"Filters\":[{\"Pattern\":"
                    + "\"{\\\"body\\\":{\\\"n\\\":[{\\\"numeric\\\":[\\\">\\\",1]}]}}\"}]}}")
                .getBytes(StandardCharsets.UTF_8),
            "{\"Enabled\":false,\"BatchSize\":1}".getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 1_000)
  void anyBodyChecksToSettingsOrLambdasError(@ForAll("bodies") byte[] body) {
    Fuzz.Outcome<MappingRules.Settings> o =
        Fuzz.run(
            body,
            () -> MappingRules.create(WireJson.read(body, MappingWire.Request.class), false),
            LambdaException.class);
    if (o instanceof Fuzz.Outcome.Parsed<MappingRules.Settings> p) {
      assertThat(p.value().batchSize()).isBetween(1, MappingRules.MAX_BATCH);
      assertThat(p.value().windowSeconds()).isBetween(0, MappingRules.MAX_WINDOW);
    }
  }
}
