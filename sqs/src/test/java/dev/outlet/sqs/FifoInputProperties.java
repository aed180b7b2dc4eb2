package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The FIFO inputs a client controls (group, deduplication and receive attempt ids, FIFO attribute
 * values, task handles) are accepted or refused with an AWS error, never anything else.
 */
class FifoInputProperties {
  private static final QueueSettings FIFO =
      QueueSettings.defaults(true).with(Map.of("ContentBasedDeduplication", "true"));

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(0).ofMaxLength(140),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(130),
        Arbitraries.strings().all().ofMaxLength(20));
  }

  @Property(tries = 300)
  void sendKeysAreKeptOrRefusedWithAnAwsError(
      @ForAll("tokens") String group, @ForAll("tokens") String dedup) {
    try {
      Fifo.Keys keys = Fifo.send(FIFO, "body", group, dedup, null);
      assertThat(keys.groupId()).isEqualTo(group).hasSizeBetween(1, 128);
      assertThat(keys.dedupId()).isEqualTo(dedup);
      assertThat(group.chars().allMatch(c -> c >= '!' && c <= '~')).isTrue();
    } catch (AwsException refused) {
      assertThat(refused.queryCode()).isIn("MissingParameter", "InvalidParameterValue");
    }
  }

  @Property(tries = 200)
  void fifoAttributeValuesAreNormalizedOrRefused(@ForAll("tokens") String value) {
    for (String name : new String[] {"ContentBasedDeduplication", "DeduplicationScope"}) {
      try {
        assertThat(QueueSettings.check(Map.of(name, value), true, false).get(name))
            .isIn("true", "false", "queue", "messageGroup");
      } catch (AwsException refused) {
        assertThat(refused.queryCode()).isEqualTo("InvalidAttributeValue");
      }
    }
  }

  @Property(tries = 300)
  void taskHandlesNameATaskOrAreNotFound(@ForAll("tokens") String text, @ForAll boolean wrap) {
    String handle =
        wrap ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : text;
    try {
      assertThat(MoveTasks.taskId(handle)).isNotNull();
    } catch (AwsException refused) {
      assertThat(refused.queryCode()).isIn("ResourceNotFoundException", "MissingParameter");
    }
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60);
  }

  @Property(tries = 50)
  void aHandleAwsWroteIsReadBack(@ForAll("ids") String id) {
    assertThat(MoveTasks.taskId(MoveTasks.handle(id, "arn:aws:sqs:us-east-1:1:q"))).isEqualTo(id);
  }
}
