package dev.outlet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter-pattern language, as pure functions: no store, no server. */
class LogsFilterPatternTest {

  private static final List<String> LINES =
      List.of(
          "ERROR disk full on /dev/sda",
          "WARN disk almost full",
          "INFO request served in 12 ms",
          "error lowercase is another word",
          "{\"level\":\"ERROR\",\"latency\":250,\"user\":\"alice\",\"ok\":false}",
          "{\"level\":\"INFO\",\"latency\":12,\"user\":\"bob\",\"ok\":true,\"tags\":[\"a\",\"b\"]}",
          "{\"level\":\"INFO\",\"latency\":1e3,\"user\":\"carol\",\"req\":{\"ip\":\"10.0.0.7\"}}");

  private static List<String> matching(String pattern) {
    FilterPattern p = FilterPattern.parse(pattern);
    return LINES.stream().filter(p::matches).toList();
  }

  @Test
  void emptyAndDoubleQuotedEmptyPatternsMatchEverything() {
    assertThat(matching("")).isEqualTo(LINES);
    assertThat(matching(null)).isEqualTo(LINES);
    assertThat(matching("\"\"")).isEqualTo(LINES);
  }

  @Test
  void termsMustAllAppearCaseSensitively() {
    assertThat(matching("ERROR")).containsExactly(LINES.get(0), LINES.get(4));
    assertThat(matching("disk full")).containsExactly(LINES.get(0), LINES.get(1));
    assertThat(matching("error")).containsExactly(LINES.get(3));
  }

  @Test
  void quotedPhrasesMatchAsAWhole() {
    assertThat(matching("\"disk full\"")).containsExactly(LINES.get(0));
    assertThat(matching("\"served in\" ms")).containsExactly(LINES.get(2));
  }

  @Test
  void minusTermsExclude() {
    assertThat(matching("disk -WARN")).containsExactly(LINES.get(0));
    assertThat(matching("-\"disk almost\" disk")).containsExactly(LINES.get(0));
  }

  @Test
  void questionMarkTermsMatchAnyOfThem() {
    assertThat(matching("?WARN ?lowercase")).containsExactly(LINES.get(1), LINES.get(3));
    assertThat(matching("disk ?WARN ?sda")).containsExactly(LINES.get(0), LINES.get(1));
  }

  @Test
  void jsonEqualityComparesStringsWithWildcards() {
    assertThat(matching("{ $.level = \"ERROR\" }")).containsExactly(LINES.get(4));
    assertThat(matching("{ $.level = ERROR }")).containsExactly(LINES.get(4));
    assertThat(matching("{ $.user = car* }")).containsExactly(LINES.get(6));
    assertThat(matching("{ $.level != \"INFO\" }")).containsExactly(LINES.get(4));
    assertThat(matching("{ $.req.ip = 10.0.* }")).containsExactly(LINES.get(6));
  }

  @Test
  void jsonNumbersCompareNumerically() {
    assertThat(matching("{ $.latency > 100 }")).containsExactly(LINES.get(4), LINES.get(6));
    assertThat(matching("{ $.latency >= 250 }")).containsExactly(LINES.get(4), LINES.get(6));
    assertThat(matching("{ $.latency < 250 }")).containsExactly(LINES.get(5));
    assertThat(matching("{ $.latency <= 12 }")).containsExactly(LINES.get(5));
    assertThat(matching("{ $.latency = 1000 }")).containsExactly(LINES.get(6));
    assertThat(matching("{ $.latency != 12 }")).containsExactly(LINES.get(4), LINES.get(6));
  }

  @Test
  void jsonConditionsCombineWithAndOrAndParentheses() {
    assertThat(matching("{ $.level = INFO && $.latency > 100 }")).containsExactly(LINES.get(6));
    assertThat(matching("{ $.user = alice || $.user = bob }"))
        .containsExactly(LINES.get(4), LINES.get(5));
    assertThat(matching("{ ($.user = alice || $.user = bob) && $.latency < 100 }"))
        .containsExactly(LINES.get(5));
    assertThat(matching("{ $.user = alice || $.user = bob && $.latency > 100 }"))
        .as("&& binds tighter than ||")
        .containsExactly(LINES.get(4));
  }

  @Test
  void jsonSelectorsReachIntoArraysAndTestExistence() {
    assertThat(matching("{ $.tags[1] = b }")).containsExactly(LINES.get(5));
    assertThat(matching("{ $.ok IS TRUE }")).containsExactly(LINES.get(5));
    assertThat(matching("{ $.ok IS FALSE }")).containsExactly(LINES.get(4));
    assertThat(matching("{ $.req EXISTS }")).containsExactly(LINES.get(6));
    assertThat(matching("{ $.ok NOT EXISTS }")).containsExactly(LINES.get(6));
  }

  @Test
  void aJsonPatternNeverMatchesAPlainMessage() {
    FilterPattern p = FilterPattern.parse("{ $.level NOT EXISTS }");
    assertThat(p.matches("ERROR not json")).isFalse();
    assertThat(p.matches("{ broken json")).isFalse();
    assertThat(p.matches("{}")).isTrue();
  }

  @Test
  void aConditionOnAMissingOrDifferentlyTypedFieldIsFalse() {
    assertThat(matching("{ $.nope != 1 }")).isEmpty();
    assertThat(matching("{ $.user > 3 }")).isEmpty();
    assertThat(matching("{ $.latency = \"12\" }")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"unterminated",
        "- alone",
        "trailing ?",
        "{ $.a = 1",
        "{ }",
        "{ $.a }",
        "{ $.a = }",
        "{ $.a > abc }",
        "{ ($.a = 1 }",
        "{ $.a = 1 && }",
        "{ level = 1 }",
        "{ $.a[x] = 1 }",
        "{ $.a = 1 } extra",
        "[ip, user]",
        "%regex%",
        "ab\"cd"
      })
  void malformedOrUnsupportedPatternsAreRejected(String pattern) {
    assertThatThrownBy(() -> FilterPattern.parse(pattern))
        .isInstanceOf(InvalidPatternException.class);
  }

  @Test
  void patternsLongerThanCloudWatchAllowsAreRejected() {
    assertThatThrownBy(() -> FilterPattern.parse("a".repeat(1025)))
        .isInstanceOf(InvalidPatternException.class);
    assertThat(FilterPattern.parse("a".repeat(1024)).matches("a".repeat(1024))).isTrue();
  }
}
