package dev.outlet.events.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.edge.testkit.Fuzz;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * Event patterns (PutRule's {@code EventPattern}, an event source mapping's filter) and the events
 * they are matched against: a mutated pattern parses or is an {@link InvalidEventPatternException},
 * and a parsed pattern answers any event, mutated or not, as text or as a tree Jackson built with
 * its defaults, with true or false within {@link Fuzz#BOUND}.
 */
class EventPatternProperties {
  private static final List<String> PATTERNS =
      List.of(
          "{\"source\": [\"aws.ec2\"], \"detail\": {\"state\": [\"running\", \"pending\"]}}",
          "{\"source\": [{\"prefix\": \"aws.\"}], \"time\": [{\"prefix\": {\"equals-ignore-case\":"
              + " \"2017\"}}]}",
          "{\"detail\": {\"FileName\": [{\"suffix\": \".png\"}, {\"wildcard\": \"dir/*.j*g\"}]}}",
          "{\"detail\": {\"state\": [{\"anything-but\": [\"stopped\", \"overloaded\"]}],"
              + " \"region\": [{\"anything-but\": {\"prefix\": \"us-\"}}]}}",
          "{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}], \"d\": [300, 1e3,"
              + " -2.5, true, null]}}",
          "{\"detail\": {\"missing\": [{\"exists\": false}], \"ip\": [{\"cidr\": \"10.0.0.0/24\"},"
              + " {\"cidr\": \"2001:db8::/32\"}]}}",
          "{\"$or\": [{\"source\": [\"aws.s3\"]}, {\"detail\": {\"$or\": [{\"a\": [1]}, {\"b\":"
              + " [{\"equals-ignore-case\": \"x\"}]}]}}]}");

  private static final List<String> EVENTS =
      List.of(
          "{\"version\": \"0\", \"source\": \"aws.ec2\", \"time\": \"2017-12-22T18:43:48Z\","
              + " \"region\": \"eu-west-1\", \"detail\": {\"state\": \"running\", \"c-count\": 5,"
              + " \"d\": [300.0, \"x\"], \"FileName\": \"dir/a.jpeg\", \"ip\": \"10.0.0.7\"}}",
          "{\"source\": \"aws.s3\", \"detail\": [{\"a\": 1}, {\"b\": \"X\", \"ip\":"
              + " \"2001:db8::1\"}, 7, null]}",
          "{\"detail\": {\"c-count\": 1e308, \"d\": -1e999, \"a\": [[[1]]]}}",
          "[]");

  private static final ObjectMapper DEFAULTS = new ObjectMapper();

  @Provide
  Arbitrary<String> patterns() {
    return Fuzz.textMutationsOf(PATTERNS);
  }

  @Provide
  Arbitrary<String> events() {
    return Fuzz.textMutationsOf(EVENTS);
  }

  private static void check(String pattern, String event) {
    if (Fuzz.run(pattern, () -> EventPattern.parse(pattern), InvalidEventPatternException.class)
        instanceof Fuzz.Outcome.Parsed<EventPattern> parsed) {
      EventPattern p = parsed.value();
      Fuzz.run(pattern + " against " + event, () -> p.matches(event));
      JsonNode tree = tree(event);
      if (tree != null) {
        Fuzz.run(pattern + " against the tree of " + event, () -> p.matches(tree));
      }
    }
  }

  /** {@code event} as Jackson reads it by default (doubles, infinities), or null if not JSON. */
  private static JsonNode tree(String event) {
    try {
      return DEFAULTS.readTree(event);
    } catch (Exception e) {
      return null;
    }
  }

  @Property(tries = 500)
  void aMutatedPatternParsesOrIsInvalid(@ForAll("patterns") String pattern) {
    for (String event : EVENTS) {
      check(pattern, event);
    }
  }

  @Property(tries = 500)
  void everyPatternAnswersAMutatedEvent(@ForAll("events") String event) {
    for (String pattern : PATTERNS) {
      check(pattern, event);
    }
  }

  @Example
  void theSamplePatternsAreValidAndMatchTheirEvents() {
    assertThat(EventPattern.parse(PATTERNS.get(0)).matches(EVENTS.get(0))).isTrue();
    assertThat(EventPattern.parse(PATTERNS.get(4)).matches(EVENTS.get(0))).isTrue();
    assertThat(EventPattern.parse(PATTERNS.get(5)).matches(EVENTS.get(0))).isTrue();
    assertThat(EventPattern.parse(PATTERNS.get(6)).matches(EVENTS.get(1))).isTrue();
    assertThat(EventPattern.parse(PATTERNS.get(6)).matches(EVENTS.get(0))).isFalse();
  }

  @Property(tries = 1_000)
  void aWildcardAgreesWithTheEquivalentRegexOnShortStrings(
      @ForAll @StringLength(max = 8) @Chars({'a', 'b', '*'}) String glob,
      @ForAll @StringLength(max = 12) @Chars({'a', 'b'}) String value) {
    Assume.that(!glob.contains("**"));
    assertThat(Wildcard.of(glob).matches(value))
        .as(glob + " ~ " + value)
        .isEqualTo(value.matches(regex(glob)));
    String longGlob = glob.replace("a", "a".repeat(20));
    String longValue = value.replace("a", "a".repeat(20));
    assertThat(Wildcard.of(longGlob).matches(longValue))
        .as(longGlob + " ~ " + longValue)
        .isEqualTo(longValue.matches(regex(longGlob)));
  }

  /** The regex a glob of letters and stars means. */
  private static String regex(String glob) {
    return Arrays.stream(glob.split("\\*", -1))
        .map(Pattern::quote)
        .collect(Collectors.joining(".*"));
  }

  @Example
  void manyWildcardsAgainstALongValueAnswerAtOnce() {
    String glob = "*a".repeat(2_000) + "*b";
    EventPattern p = EventPattern.parse("{\"v\": [{\"wildcard\": \"" + glob + "\"}]}");
    String event = "{\"v\": \"" + "a".repeat(200_000) + "\"}";
    long start = System.nanoTime();
    assertThat(Fuzz.run(event, () -> p.matches(event))).isEqualTo(new Fuzz.Outcome.Parsed<>(false));
    assertThat(Fuzz.run(event, () -> p.matches(event.replace("a\"}", "b\"}"))))
        .isEqualTo(new Fuzz.Outcome.Parsed<>(true));
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    String shortOne = "{\"v\": \"" + "a".repeat(1_999) + "b\"}";
    assertThat(p.matches(shortOne)).isFalse();
  }

  @Example
  void aLongPieceAfterAStarAgainstALongNearMissAnswersInTime() {
    String glob = "*" + "a".repeat(4_000) + "b*";
    EventPattern p = EventPattern.parse("{\"v\": [{\"wildcard\": \"" + glob + "\"}]}");
    String event = "{\"v\": \"" + "a".repeat(200_000) + "\"}";
    long start = System.nanoTime();
    assertThat(Fuzz.run(event, () -> p.matches(event))).isEqualTo(new Fuzz.Outcome.Parsed<>(false));
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Example
  void numbersNoDoubleOrBigDecimalCanHoldAreAnswered() {
    EventPattern p = EventPattern.parse("{\"n\": [{\"numeric\": [\">\", 0]}]}");
    assertThat(p.matches("{\"n\": 1e999999999}")).isTrue();
    assertThat(p.matches("{\"n\": -1e999999999}")).isFalse();
    assertThat(Fuzz.run("1e9999999991", () -> p.matches("{\"n\": 1e9999999991}")))
        .isInstanceOf(Fuzz.Outcome.Parsed.class);
    assertThat(p.matches(tree("{\"n\": 1e999}"))).isFalse();
    assertThat(
            Fuzz.run(
                "pattern 1e9999999991",
                () -> EventPattern.parse("{\"n\": [1e9999999991]}"),
                InvalidEventPatternException.class))
        .isNotNull();
  }

  @Example
  void theCommittedCorpusIsHandled() {
    List<String> corpus = Fuzz.textCorpus(getClass(), "/fuzz-corpus/event-patterns.txt");
    for (String a : corpus) {
      for (String b : corpus) {
        check(a, b);
      }
      for (String event : EVENTS) {
        check(a, event);
      }
    }
  }
}
