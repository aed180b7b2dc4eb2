package dev.outlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void aPlainStringIsReturnedAsItIs() {
    String s = "GET /items/42 HTTP/1.1 é ✓";
    assertThat(Json.escape(s)).isSameAs(s);
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    String s = "a\"b\\c\nd\re\tf\u0001g\u001fh";
    String escaped = Json.escape(s);
    assertThat(escaped).isEqualTo("a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh");
  }

  @Test
  void appendEscapedAddsToWhatIsThere() {
    StringBuilder b = new StringBuilder("{\"k\":\"");
    Json.appendEscaped(b, "plain").append("\",\"q\":\"");
    Json.appendEscaped(b, "say \"hi\"");
    assertThat(b.append("\"}")).hasToString("{\"k\":\"plain\",\"q\":\"say \\\"hi\\\"\"}");
  }
}
