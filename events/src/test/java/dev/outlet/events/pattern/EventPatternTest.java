package dev.outlet.events.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event patterns against AWS's documented examples (EventBridge user guide, content filtering). */
class EventPatternTest {
  private static final String EC2 =
      """
      {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
       "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
       "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
       "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
       "detail": {"instance-id": "i-1234567890abcdef0", "state": "running",
                  "c-count": 5, "d-count": 300.0, "x-limit": 3.018e2,
                  "source-ip": "10.0.0.123", "source-ipv6": "2001:db8::ff00:42:8329",
                  "FileName": "image.PNG", "FilePath": "/usr/lib/libc.so",
                  "tags": ["blue", "prod"], "enabled": true, "owner": null}}
      """;

  private static boolean matches(String pattern, String event) {
    return EventPattern.parse(pattern).matches(event);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean ec2(String pattern) {
    return matches(pattern, EC2);
  }

  @Test
  void exactValuesAndNestedObjects() {
    assertThat(ec2("{\"source\": [\"aws.ec2\"]}")).isTrue();
    assertThat(ec2("{\"source\": [\"aws.s3\"]}")).isFalse();
    assertThat(ec2("{\"detail\": {\"state\": [\"running\"]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"state\": [\"pending\", \"running\"]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"state\": [\"stopped\"]}}")).isFalse();
    assertThat(ec2("{\"source\": [\"aws.ec2\"], \"detail\": {\"state\": [\"stopped\"]}}"))
        .isFalse();
    assertThat(ec2("{\"detail-type\": [\"EC2 Instance State-change Notification\"]}")).isTrue();
    assertThat(ec2("{\"detail\": {\"state\": {\"name\": [\"running\"]}}}")).isFalse();
    assertThat(ec2("{\"nothing\": [\"x\"]}")).isFalse();
  }

  @Test
  void numbersCompareNumericallyAndOnlyWithNumbers() {
    assertThat(ec2("{\"detail\": {\"d-count\": [300]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"d-count\": [3e2]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"x-limit\": [301.8]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"c-count\": [5.0]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"c-count\": [\"5\"]}}")).isFalse();
    assertThat(matches("{\"n\": [300]}", "{\"n\": \"300\"}")).isFalse();
    assertThat(EventPattern.parse("{\"n\": [300]}").matches(json("{\"n\": 300.0}"))).isTrue();
    assertThat(EventPattern.parse("{\"n\": [0.1]}").matches(json("{\"n\": 0.1}"))).isTrue();
  }

  @Test
  void booleansNullAndEmptyStrings() {
    assertThat(ec2("{\"detail\": {\"enabled\": [true]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"enabled\": [false]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"enabled\": [\"true\"]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"owner\": [null]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"missing\": [null]}}")).isFalse();
    assertThat(matches("{\"LastName\": [\"\"]}", "{\"LastName\": \"\"}")).isTrue();
    assertThat(matches("{\"LastName\": [\"\"]}", "{\"LastName\": null}")).isFalse();
  }

  @Test
  void arraysInTheEventMatchWhenAnyElementDoes() {
    assertThat(
            ec2(
                "{\"resources\": [\"arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0\","
                    + " \"arn:aws:ec2:us-east-1:1:instance/i-2\"]}"))
        .isTrue();
    assertThat(ec2("{\"detail\": {\"tags\": [\"prod\"]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"tags\": [\"dev\"]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"tags\": [{\"prefix\": \"bl\"}]}}")).isTrue();
    String event = "{\"items\": [{\"a\": 1, \"b\": 2}, {\"a\": 3, \"b\": 4}]}";
    assertThat(matches("{\"items\": {\"a\": [3], \"b\": [4]}}", event)).isTrue();
    assertThat(matches("{\"items\": {\"a\": [1], \"b\": [4]}}", event)).isFalse();
    assertThat(matches("{\"x\": [1]}", "{\"x\": [[0, [1]]]}")).isTrue();
  }

  @Test
  void prefixAndSuffixWithAndWithoutCase() {
    assertThat(ec2("{\"time\": [{\"prefix\": \"2017-12-22\"}]}")).isTrue();
    assertThat(ec2("{\"source\": [{\"prefix\": \"aws.\"}]}")).isTrue();
    assertThat(ec2("{\"source\": [{\"prefix\": \"AWS.\"}]}")).isFalse();
    assertThat(ec2("{\"source\": [{\"prefix\": {\"equals-ignore-case\": \"AWS.\"}}]}")).isTrue();
    assertThat(ec2("{\"detail\": {\"FileName\": [{\"suffix\": \".png\"}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"FileName\": [{\"suffix\": \".PNG\"}]}}")).isTrue();
    assertThat(
            ec2("{\"detail\": {\"FileName\": [{\"suffix\": {\"equals-ignore-case\": \".png\"}}]}}"))
        .isTrue();
    assertThat(ec2("{\"detail\": {\"c-count\": [{\"prefix\": \"5\"}]}}")).isFalse();
  }

  @Test
  void equalsIgnoreCase() {
    assertThat(
            matches("{\"Name\": [{\"equals-ignore-case\": \"alice\"}]}", "{\"Name\": \"ALICE\"}"))
        .isTrue();
    assertThat(
            matches("{\"Name\": [{\"equals-ignore-case\": \"alice\"}]}", "{\"Name\": \"Alicia\"}"))
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/lib/*         | /usr/lib/libc.so | true",
        "*/lib/*         | /usr/bin/ls      | false",
        "dir/*.png       | dir/a.b.png      | true",
        "dir/*.png       | dir/a.png.gz     | false",
        "*               | ''               | true",
        "a*b*c           | abc              | true",
        "a*b*c           | acb              | false",
        "a*a             | a                | false",
        "a*a             | aa               | true",
        "'a\\*b'         | a*b              | true",
        "'a\\*b'         | axb              | false",
        "'a\\\\*'        | 'a\\xyz'         | true",
        "*.png           | image.PNG        | false",
        "*abcabd*        | xxabcabcabdyy    | true",
        "*aaaaaaaaaaaaaaaaaab* | aaaaaaaaaaaaaaaaaaaaaaaab | true",
        "*aaaaaaaaaaaaaaaaaab* | aaaaaaaaaaaaaaaaaaaaaaaaa | false",
        "*abcabcabcabcabcabcabd*c | xabcabcabcabcabcabcabcabdc | true",
        "*abcabcabcabcabcabcabd*c | xabcabcabcabcabcabcabcabd | false",
        "a*ba*b          | ab               | false",
        "a*ba*b          | abab             | true",
      })
  void wildcardGlobs(String glob, String value, boolean expected) {
    String pattern = "{\"v\": [{\"wildcard\": \"" + glob.replace("\\", "\\\\") + "\"}]}";
    String event = "{\"v\": \"" + value.replace("\\", "\\\\") + "\"}";
    assertThat(matches(pattern, event)).as(glob + " ~ " + value).isEqualTo(expected);
  }

  @Test
  void anythingBut() {
    assertThat(ec2("{\"detail\": {\"state\": [{\"anything-but\": \"initializing\"}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"state\": [{\"anything-but\": \"running\"}]}}")).isFalse();
    assertThat(
            ec2("{\"detail\": {\"state\": [{\"anything-but\": [\"stopped\", \"overloaded\"]}]}}"))
        .isTrue();
    assertThat(ec2("{\"detail\": {\"state\": [{\"anything-but\": [\"stopped\", \"running\"]}]}}"))
        .isFalse();
    assertThat(ec2("{\"detail\": {\"x-limit\": [{\"anything-but\": 123}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"c-count\": [{\"anything-but\": [100, 5]}]}}")).isFalse();
    assertThat(ec2("{\"region\": [{\"anything-but\": {\"prefix\": \"us-\"}}]}")).isFalse();
    assertThat(ec2("{\"region\": [{\"anything-but\": {\"prefix\": \"eu-\"}}]}")).isTrue();
    assertThat(ec2("{\"detail\": {\"FileName\": [{\"anything-but\": {\"suffix\": \".PNG\"}}]}}"))
        .isFalse();
    assertThat(
            ec2(
                "{\"detail\": {\"state\": [{\"anything-but\": {\"equals-ignore-case\":"
                    + " [\"RUNNING\", \"x\"]}}]}}"))
        .isFalse();
    assertThat(
            ec2("{\"detail\": {\"FilePath\": [{\"anything-but\": {\"wildcard\": \"*/lib/*\"}}]}}"))
        .isFalse();
    assertThat(ec2("{\"detail\": {\"missing\": [{\"anything-but\": \"x\"}]}}")).isFalse();
  }

  @Test
  void numericRanges() {
    assertThat(ec2("{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<=\", 5]}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"c-count\": [{\"numeric\": [\">\", 0, \"<\", 5]}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"d-count\": [{\"numeric\": [\"<\", 10]}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"d-count\": [{\"numeric\": [\">=\", 300]}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"x-limit\": [{\"numeric\": [\"=\", 301.8]}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"state\": [{\"numeric\": [\">\", 0]}]}}")).isFalse();
    assertThat(matches("{\"n\": [{\"numeric\": [\">\", -1e9]}]}", "{\"n\": -1e999999999}"))
        .isFalse();
    assertThat(matches("{\"n\": [{\"numeric\": [\">\", 1e9]}]}", "{\"n\": 1e999999999}")).isTrue();
  }

  @Test
  void existsTrueAndFalse() {
    assertThat(ec2("{\"detail\": {\"state\": [{\"exists\": true}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"state\": [{\"exists\": false}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"missing\": [{\"exists\": false}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"missing\": [{\"exists\": true}]}}")).isFalse();
    assertThat(ec2("{\"nowhere\": {\"missing\": [{\"exists\": false}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"owner\": [{\"exists\": true}]}}")).isTrue();
    assertThat(ec2("{\"detail\": [{\"exists\": true}]}")).as("only leaves exist").isFalse();
    assertThat(matches("{\"a\": [{\"exists\": false}]}", "{\"a\": []}")).isTrue();
  }

  @Test
  void cidrBlocks() {
    assertThat(ec2("{\"detail\": {\"source-ip\": [{\"cidr\": \"10.0.0.0/24\"}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"source-ip\": [{\"cidr\": \"10.0.1.0/24\"}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"source-ip\": [{\"cidr\": \"10.0.0.96/27\"}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"source-ip\": [{\"cidr\": \"10.0.0.128/25\"}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"source-ipv6\": [{\"cidr\": \"2001:db8::/32\"}]}}")).isTrue();
    assertThat(ec2("{\"detail\": {\"source-ipv6\": [{\"cidr\": \"2001:db9::/32\"}]}}")).isFalse();
    assertThat(ec2("{\"detail\": {\"source-ip\": [{\"cidr\": \"::/0\"}]}}")).isFalse();
    assertThat(
            matches(
                "{\"ip\": [{\"cidr\": \"::ffff:10.0.0.0/120\"}]}", "{\"ip\": \"::ffff:10.0.0.9\"}"))
        .isTrue();
    assertThat(matches("{\"ip\": [{\"cidr\": \"0.0.0.0/0\"}]}", "{\"ip\": \"example.com\"}"))
        .isFalse();
  }

  @Test
  void orAtAnyLevel() {
    String either =
        "{\"detail\": {\"$or\": [{\"c-count\": [{\"numeric\": [\">\", 10]}]},"
            + " {\"state\": [\"running\"]}]}}";
    assertThat(ec2(either)).isTrue();
    assertThat(ec2(either.replace("running", "stopped"))).isFalse();
    assertThat(
            ec2(
                "{\"source\": [\"aws.ec2\"], \"$or\": [{\"region\": [\"eu-west-1\"]},"
                    + " {\"detail\": {\"enabled\": [true]}}]}"))
        .isTrue();
  }

  @Test
  void onlyJsonObjectsAreEvents() {
    EventPattern p = EventPattern.parse("{\"a\": [{\"exists\": false}]}");
    assertThat(p.matches("{}")).isTrue();
    assertThat(p.matches("[]")).isFalse();
    assertThat(p.matches("\"x\"")).isFalse();
    assertThat(p.matches("{")).isFalse();
    assertThat(p.matches("{} {}")).isFalse();
    assertThat(p.matches((String) null)).isFalse();
    assertThat(EventPattern.parse("{\"a\": [1]}")).isEqualTo(EventPattern.parse("{\"a\":[1.0]}"));
  }
}
