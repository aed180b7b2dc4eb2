package dev.outlet.events.pattern;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Patterns AWS refuses with InvalidEventPatternException, and what the message says. */
class EventPatternInvalidTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                            | Event pattern is empty",
        "'[\"a\"]'                                     | Filter is not an object",
        "'\"source\"'                                  | Filter is not an object",
        "'{\"source\": '                               | Event pattern is not JSON",
        "'{\"a\": [1]} x'                              | Event pattern is not JSON",
        "'{\"a\": [1], \"a\": [2]}'                    | Duplicate field",
        "'{}'                                          | Empty objects are not allowed",
        "'{\"source\": \"aws.ec2\"}'                   | Match value must be an array or an object, not a string at source",
        "'{\"d\": {\"n\": 5}}'                         | not a number at d.n",
        "'{\"source\": []}'                            | Empty arrays are not allowed at source",
        "'{\"a\": [[\"x\"]]}'                          | Match value must be String, number, true, false, or null, not an array at a",
        "'{\"a\": [{\"prefx\": \"x\"}]}'               | Unrecognized match type prefx at a",
        "'{\"a\": [{\"prefix\": \"x\", \"suffix\": \"y\"}]}' | exactly one key",
        "'{\"a\": [{\"prefix\": 5}]}'                  | prefix match pattern must be a string",
        "'{\"a\": [{\"suffix\": {\"equals-ignore-case\": 1}}]}' | suffix equals-ignore-case match pattern must be a string",
        "'{\"a\": [{\"exists\": \"yes\"}]}'            | exists match pattern must be either true or false",
        "'{\"a\": [{\"numeric\": 5}]}'                 | Value of numeric must be an array",
        "'{\"a\": [{\"numeric\": [\">\"]}]}'           | one or two comparisons",
        "'{\"a\": [{\"numeric\": [\"!=\", 5]}]}'       | Unrecognized numeric range operator: \"!=\"",
        "'{\"a\": [{\"numeric\": [\">\", \"5\"]}]}'    | Value of > must be a number, not a string",
        "'{\"a\": [{\"numeric\": [\"<\", 5, \">\", 0]}]}' | lower bound (> or >=) then an upper bound",
        "'{\"a\": [{\"numeric\": [\">\", 5, \"<\", 5]}]}' | Bottom must be less than top",
        "'{\"a\": [{\"numeric\": [\">\", 0, \"<\", 5, \"<\", 6]}]}' | one or two comparisons",
        "'{\"a\": [{\"anything-but\": []}]}'           | Empty arrays are not allowed",
        "'{\"a\": [{\"anything-but\": [\"x\", 1]}]}'   | all strings or all numbers",
        "'{\"a\": [{\"anything-but\": true}]}'         | Value of anything-but must be",
        "'{\"a\": [{\"anything-but\": {\"numeric\": [\">\", 1]}}]}' | Unsupported anything-but pattern: numeric",
        "'{\"a\": [{\"anything-but\": {\"prefix\": 1}}]}' | anything-but prefix match pattern must be a string",
        "'{\"a\": [{\"wildcard\": \"a**b\"}]}'         | Consecutive wildcard characters at pos 1",
        "'{\"a\": [{\"anything-but\": {\"wildcard\": \"**\"}}]}' | Consecutive wildcard characters",
        "'{\"a\": [{\"wildcard\": \"a\\\\b\"}]}'       | invalid escape",
        "'{\"a\": [{\"cidr\": \"10.0.0.0/33\"}]}'      | prefix length over 32",
        "'{\"a\": [{\"cidr\": \"10.0.0/8\"}]}'         | Nonstandard IP address",
        "'{\"a\": [{\"cidr\": \"1::2::3/64\"}]}'       | Nonstandard IP address",
        "'{\"a\": [{\"cidr\": \"example.com\"}]}'      | Nonstandard IP address",
        "'{\"$or\": [{\"a\": [1]}]}'                   | There must have at least 2 Objects in $or array",
        "'{\"$or\": [{\"a\": [1]}, [\"b\"]]}'          | Elements of $or must be objects",
      })
  void isRefusedSayingWhy(String pattern, String reason) {
    assertThatThrownBy(() -> EventPattern.parse(pattern))
        .isInstanceOf(InvalidEventPatternException.class)
        .hasMessageStartingWith("Event pattern is not valid. Reason: ")
        .hasMessageContaining(reason);
  }

  @org.junit.jupiter.api.Test
  void aPatternOverTheLengthCapIsRefused() {
    String ok = "{\"a\": [\"" + "x".repeat(EventPattern.MAX_LENGTH - 11) + "\"]}";
    org.assertj.core.api.Assertions.assertThat(ok).hasSize(EventPattern.MAX_LENGTH);
    EventPattern.parse(ok);
    assertThatThrownBy(() -> EventPattern.parse(ok + " "))
        .isInstanceOf(InvalidEventPatternException.class)
        .hasMessageContaining("4097 characters long; the most allowed is 4096");
  }
}
