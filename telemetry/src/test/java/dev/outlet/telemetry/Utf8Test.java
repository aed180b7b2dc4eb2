package dev.outlet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void measuresLikeTheUtf8Encoder() {
    for (String s : List.of("", "plain", "é", "€uro", "😀 grin", "a\u0800b\uffff")) {
      assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void keepsALineThatFitsWhole() {
    String line = "x".repeat(Utf8.MAX_EVENT_BYTES);
    assertThat(Utf8.split(line, Utf8.MAX_EVENT_BYTES)).containsExactly(line);
    assertThat(Utf8.split("", Utf8.MAX_EVENT_BYTES)).containsExactly("");
  }

  @Test
  void splitsA600KbLineIntoThreeCloudWatchSizedEvents() {
    String line = "0123456789".repeat(61_440);

    List<String> pieces = Utf8.split(line, Utf8.MAX_EVENT_BYTES);

    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0)).hasSize(262_118);
    assertThat(pieces.get(1)).hasSize(262_118);
    assertThat(String.join("", pieces)).isEqualTo(line);
  }

  @Test
  void neverCutsACodePoint() {
    String line = "a" + "😀".repeat(10) + "é€";

    List<String> pieces = Utf8.split(line, 6);

    assertThat(String.join("", pieces)).isEqualTo(line);
    for (String piece : pieces) {
      assertThat(Utf8.length(piece)).isBetween(1L, 6L);
      assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
    }
  }
}
