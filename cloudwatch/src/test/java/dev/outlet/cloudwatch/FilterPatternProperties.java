package dev.outlet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.testkit.Fuzz;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Filter patterns (a client's {@code filterPattern}) and the log messages they are matched against
 * (what a function prints): a mutated pattern parses or is an {@link InvalidPatternException}
 * (AWS's InvalidParameterException), and a parsed pattern answers any message, mutated or not, with
 * true or false, within {@link Fuzz#BOUND}.
 */
class FilterPatternProperties {
  private static final List<String> PATTERNS =
      List.of(
          "ERROR",
          "\"exact phrase\" -DEBUG ?WARN ?ERROR",
          "{ $.level = \"ERROR\" }",
          "{ ($.latency > 100.5) && ($.user.id = \"u*\") || $.items[0].n != -3 }",
          "{ $.ok IS TRUE && $.missing NOT EXISTS }",
          "{ $.a[1][2].b <= 1e3 }",
          "");

  private static final List<String> MESSAGES =
      List.of(
          "{\"level\":\"ERROR\",\"latency\":120.25,\"user\":{\"id\":\"u1\"},\"items\":[{\"n\":-3}]}",
          "[{\"a\":[1,[0,0,{\"b\":999}]]}]",
          "{\"ok\":true,\"a\":null,\"latency\":1e308}",
          "plain ERROR line with \"exact phrase\" and WARN",
          "");

  @Provide
  Arbitrary<String> patterns() {
    return Fuzz.textMutationsOf(PATTERNS);
  }

  @Provide
  Arbitrary<String> messages() {
    return Fuzz.textMutationsOf(MESSAGES);
  }

  private static void check(String pattern, String message) {
    if (Fuzz.run(pattern, () -> FilterPattern.parse(pattern), InvalidPatternException.class)
        instanceof Fuzz.Outcome.Parsed<FilterPattern> parsed) {
      Fuzz.run(pattern + " against " + message, () -> parsed.value().matches(message));
    }
  }

  @Property(tries = 500)
  void aMutatedPatternParsesOrIsInvalid(@ForAll("patterns") String pattern) {
    for (String message : MESSAGES) {
      check(pattern, message);
    }
  }

  @Property(tries = 500)
  void everyPatternAnswersAMutatedMessage(@ForAll("messages") String message) {
    for (String pattern : PATTERNS) {
      check(pattern, message);
    }
  }

  @Example
  void aNumberPastADoublesRangeComparesInsteadOfFailing() {
    assertThat(FilterPattern.parse("{ $.a > 1 }").matches("{\"a\":1e999}")).isTrue();
    assertThat(FilterPattern.parse("{ $.a < 1 }").matches("{\"a\":-1e999}")).isTrue();
    assertThat(FilterPattern.parse("{ $.a = 0 }").matches("{\"a\":1e-999}")).isFalse();
  }

  @Example
  void anExponentNoNumberCanHoldIsAMessageThatIsNotJson() {
    String message = "{\"a\":[-1e9999999991,[0,0,{\"b\":999}]]}";
    assertThat(FilterPattern.parse("{ $.level = \"ERROR\" }").matches(message)).isFalse();
    assertThat(FilterPattern.parse("999").matches(message)).isTrue();
  }

  @Example
  void manyWildcardsAgainstALongValueAnswerAtOnce() {
    FilterPattern p = FilterPattern.parse("{ $.a = \"" + "*a".repeat(20) + "*c\" }");
    String message = "{\"a\":\"" + "a".repeat(5_000) + "\"}";
    assertThat(Fuzz.run(message, () -> p.matches(message)))
        .isEqualTo(new Fuzz.Outcome.Parsed<>(false));
    assertThat(p.matches("{\"a\":\"" + "a".repeat(25) + "c\"}")).isTrue();
  }

  @Example
  void wildcardsMatchAsBefore() {
    assertThat(FilterPattern.parse("{ $.a = \"ab*ba\" }").matches("{\"a\":\"aba\"}")).isFalse();
    assertThat(FilterPattern.parse("{ $.a = \"ab*ba\" }").matches("{\"a\":\"abba\"}")).isTrue();
    assertThat(FilterPattern.parse("{ $.a = \"*\" }").matches("{\"a\":\"\"}")).isTrue();
    assertThat(FilterPattern.parse("{ $.a = \"x*y*z\" }").matches("{\"a\":\"xzyz\"}")).isTrue();
    assertThat(FilterPattern.parse("{ $.a = \"x*y*z\" }").matches("{\"a\":\"xzz\"}")).isFalse();
    assertThat(FilterPattern.parse("{ $.a != \"t*\" }").matches("{\"a\":true}")).isFalse();
  }

  @Example
  void theCommittedCorpusIsHandled() {
    List<String> corpus = Fuzz.textCorpus(getClass(), "/fuzz-corpus/filter-patterns.txt");
    for (String a : corpus) {
      for (String b : corpus) {
        check(a, b);
      }
    }
  }
}
