package dev.outlet.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchResponseTest {
  private static final Set<String> IDS = Set.of("a", "b", "c");

  private static BatchResponse read(String answer) {
    return BatchResponse.read(answer.getBytes(StandardCharsets.UTF_8), IDS);
  }

  @Test
  void noAnswerNullOrAnEmptyListIsASuccessOfTheWholeBatch() {
    assertThat(read("")).isInstanceOf(BatchResponse.AllSucceeded.class);
    assertThat(read("null")).isInstanceOf(BatchResponse.AllSucceeded.class);
    assertThat(read("{}")).isInstanceOf(BatchResponse.AllSucceeded.class);
    assertThat(read("{\"batchItemFailures\":null}")).isInstanceOf(BatchResponse.AllSucceeded.class);
    assertThat(read("{\"batchItemFailures\":[]}")).isInstanceOf(BatchResponse.AllSucceeded.class);
    assertThat(read("\"done\"")).isInstanceOf(BatchResponse.AllSucceeded.class);
  }

  @Test
  void failuresNameTheMessagesOfTheBatch() {
    assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}"))
        .isEqualTo(new BatchResponse.Partial(Set.of("b")));
  }

  @Test
  void aMalformedAnswerOrAnUnknownEmptyOrMissingIdentifierFailsTheWholeBatch() {
    assertThat(read("{not json")).isInstanceOf(BatchResponse.AllFailed.class);
    assertThat(read("{\"batchItemFailures\":{}}")).isInstanceOf(BatchResponse.AllFailed.class);
    assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"))
        .isInstanceOf(BatchResponse.AllFailed.class);
    assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}"))
        .isInstanceOf(BatchResponse.AllFailed.class);
    assertThat(read("{\"batchItemFailures\":[{\"id\":\"a\"}]}"))
        .isInstanceOf(BatchResponse.AllFailed.class);
    assertThat(read("{\"batchItemFailures\":[{\"itemIdentifier\":\"z\"}]}"))
        .isInstanceOf(BatchResponse.AllFailed.class);
  }
}
