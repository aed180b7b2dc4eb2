package dev.outlet.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A function's answer is untrusted: any bytes read to an outcome, never an exception. */
class BatchResponseProperties {
  private static final Set<String> IDS = Set.of("m-1", "m-2");

  @Provide
  Arbitrary<byte[]> answers() {
    return Fuzz.mutationsOf(
        List.of(
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}"
                .getBytes(StandardCharsets.UTF_8),
            "{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8),
            "{\"statusCode\":200,\"body\":\"ok\",\"n\":1e999999}".getBytes(StandardCharsets.UTF_8),
            "null".getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 1_000)
  void anyAnswerReadsToAnOutcome(@ForAll("answers") byte[] answer) {
    Fuzz.Outcome<BatchResponse> o = Fuzz.run(answer, () -> BatchResponse.read(answer, IDS));
    assertThat(o).isInstanceOf(Fuzz.Outcome.Parsed.class);
    if (((Fuzz.Outcome.Parsed<BatchResponse>) o).value() instanceof BatchResponse.Partial p) {
      assertThat(IDS).containsAll(p.failed());
    }
  }
}
