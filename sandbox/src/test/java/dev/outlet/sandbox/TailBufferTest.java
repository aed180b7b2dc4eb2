package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TailBufferTest {

  private static String decode(TailBuffer t) {
    return new String(Base64.getDecoder().decode(t.base64()), StandardCharsets.UTF_8);
  }

  @Test
  void keepsEveryLineWhenTheyFit() {
    TailBuffer t = new TailBuffer(4096);
    t.add("START");
    t.add("hello");
    assertThat(decode(t)).isEqualTo("START\nhello\n");
  }

  @Test
  void keepsOnlyTheLastLimitBytes() {
    TailBuffer t = new TailBuffer(100);
    for (int i = 0; i < 50; i++) {
      t.add("line " + i);
    }
    String text = decode(t);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
    assertThat(text).endsWith("line 49\n");
  }

  @Test
  void neverStartsInsideAMultiByteCharacter() {
    TailBuffer t = new TailBuffer(10);
    t.add("ééééééééé");
    String text = decode(t);
    assertThat(text).doesNotContain("\uFFFD").endsWith("é\n");
  }

  @Test
  void addAllPutsAnotherBuffersLinesFirst() {
    TailBuffer init = new TailBuffer(4096);
    init.add("INIT_START");
    TailBuffer t = new TailBuffer(4096);
    t.addAll(init);
    t.add("START");
    assertThat(decode(t)).isEqualTo("INIT_START\nSTART\n");
  }
}
