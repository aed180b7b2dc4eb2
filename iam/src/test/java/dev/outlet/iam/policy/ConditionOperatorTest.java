package dev.outlet.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator against a matching value, a non-matching value and a missing key, with
 * IfExists and the set qualifiers. A row: operator, the policy's values (JSON, single-quoted), the
 * request's values ({@code |}-separated, null for a missing key), whether the condition holds.
 */
class ConditionOperatorTest {
  private static final String MISSING = null;

  static Stream<Arguments> table() {
    return Stream.of(
        row("StringEquals", "'abc'", "abc", true),
        row("StringEquals", "'abc'", "ABC", false),
        row("StringEquals", "'abc'", MISSING, false),
        row("StringEquals", "['x','abc']", "abc", true),
        row("StringEquals", "'b'", "a|b", true),
        row("StringNotEquals", "'abc'", "abc", false),
        row("StringNotEquals", "'abc'", "xyz", true),
        row("StringNotEquals", "'abc'", MISSING, true),
        row("StringNotEquals", "['abc','xyz']", "xyz", false),
        row("StringEqualsIgnoreCase", "'abc'", "ABC", true),
        row("StringEqualsIgnoreCase", "'abc'", "abd", false),
        row("StringEqualsIgnoreCase", "'abc'", MISSING, false),
        row("StringNotEqualsIgnoreCase", "'abc'", "ABC", false),
        row("StringNotEqualsIgnoreCase", "'abc'", "abd", true),
        row("StringNotEqualsIgnoreCase", "'abc'", MISSING, true),
        row("StringLike", "'ab*'", "abc", true),
        row("StringLike", "'a?c'", "abc", true),
        row("StringLike", "'a?c'", "abbc", false),
        row("StringLike", "'ab*'", "xab", false),
        row("StringLike", "'ab*'", "ABC", false),
        row("StringLike", "'ab*'", MISSING, false),
        row("StringNotLike", "'ab*'", "abc", false),
        row("StringNotLike", "'ab*'", "xyz", true),
        row("StringNotLike", "'ab*'", MISSING, true),
        row(
            "ArnEquals",
            "'arn:aws:sqs:us-east-1:123456789012:q'",
            "arn:aws:sqs:us-east-1:123456789012:q",
            true),
        row(
            "ArnEquals",
            "'arn:aws:sqs:us-east-1:123456789012:q'",
            "arn:aws:sqs:us-east-1:123456789012:r",
            false),
        row("ArnEquals", "'arn:aws:sqs:us-east-1:123456789012:q'", MISSING, false),
        row(
            "ArnLike",
            "'arn:aws:sqs:*:123456789012:*'",
            "arn:aws:sqs:eu-west-1:123456789012:q",
            true),
        row(
            "ArnLike",
            "'arn:aws:sqs:*:123456789012:*'",
            "arn:aws:sqs:eu-west-1:210987654321:q",
            false),
        row(
            "ArnLike",
            "'arn:aws:sqs:*:123456789012:q'",
            "arn:aws:sqs:us-east-1:x:123456789012:q",
            false),
        row("ArnLike", "'arn:aws:sqs:*:123456789012:*'", MISSING, false),
        row(
            "ArnLike",
            "'arn:aws:sqs:*:123456789012:*'",
            "ARN:aws:sqs:eu-west-1:123456789012:q",
            false),
        row(
            "ArnNotEquals",
            "'arn:aws:sqs:us-east-1:123456789012:q'",
            "arn:aws:sqs:us-east-1:123456789012:q",
            false),
        row(
            "ArnNotEquals",
            "'arn:aws:sqs:us-east-1:123456789012:q'",
            "arn:aws:sqs:us-east-1:123456789012:r",
            true),
        row("ArnNotEquals", "'arn:aws:sqs:us-east-1:123456789012:q'", MISSING, true),
        row(
            "ArnNotLike",
            "'arn:aws:sqs:*:123456789012:*'",
            "arn:aws:sqs:eu-west-1:123456789012:q",
            false),
        row(
            "ArnNotLike",
            "'arn:aws:sqs:*:123456789012:*'",
            "arn:aws:sqs:eu-west-1:210987654321:q",
            true),
        row("ArnNotLike", "'arn:aws:sqs:*:123456789012:*'", MISSING, true),
        row("NumericEquals", "'10'", "10", true),
        row("NumericEquals", "'10'", "10.0", true),
        row("NumericEquals", "10", "10", true),
        row("NumericEquals", "'10'", "11", false),
        row("NumericEquals", "'10'", "ten", false),
        row("NumericEquals", "'10'", MISSING, false),
        row("NumericNotEquals", "'10'", "11", true),
        row("NumericNotEquals", "'10'", "10", false),
        row("NumericNotEquals", "'10'", MISSING, true),
        row("NumericLessThan", "'10'", "9", true),
        row("NumericLessThan", "'10'", "10", false),
        row("NumericLessThan", "'10'", MISSING, false),
        row("NumericLessThanEquals", "'10'", "10", true),
        row("NumericLessThanEquals", "'10'", "11", false),
        row("NumericLessThanEquals", "'10'", MISSING, false),
        row("NumericGreaterThan", "'10'", "11", true),
        row("NumericGreaterThan", "'10'", "10", false),
        row("NumericGreaterThan", "'10'", MISSING, false),
        row("NumericGreaterThanEquals", "'10'", "10", true),
        row("NumericGreaterThanEquals", "'10'", "9.5", false),
        row("NumericGreaterThanEquals", "'10'", MISSING, false),
        row("DateEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:00Z", true),
        row("DateEquals", "'2026-12-04T10:00:00Z'", "1796378400", true),
        row("DateEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T11:00:00+01:00", true),
        row("DateEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:01Z", false),
        row("DateEquals", "'2026-12-04T10:00:00Z'", "not a date", false),
        row("DateEquals", "'2026-12-04T10:00:00Z'", MISSING, false),
        row("DateNotEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:01Z", true),
        row("DateNotEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:00Z", false),
        row("DateNotEquals", "'2026-12-04T10:00:00Z'", MISSING, true),
        row("DateLessThan", "'2026-12-05'", "2026-12-04T10:00:00Z", true),
        row("DateLessThan", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:00Z", false),
        row("DateLessThan", "'2026-12-05'", MISSING, false),
        row("DateLessThanEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:00Z", true),
        row("DateLessThanEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:01Z", false),
        row("DateGreaterThan", "'1796378399'", "2026-12-04T10:00:00Z", true),
        row("DateGreaterThan", "'2026-12-04T10:00:00Z'", "2026-12-04T09:59:59Z", false),
        row("DateGreaterThan", "'2026-12-04T10:00:00Z'", MISSING, false),
        row("DateGreaterThanEquals", "'2026-12-04T10:00:00Z'", "2026-12-04T10:00:00Z", true),
        row("DateGreaterThanEquals", "'2026-12-04T10:00:00Z'", "2026-12-03T10:00:00Z", false),
        row("Bool", "'true'", "true", true),
        row("Bool", "true", "true", true),
        row("Bool", "'true'", "false", false),
        row("Bool", "'true'", MISSING, false),
        row("BoolIfExists", "'true'", MISSING, true),
        row("BoolIfExists", "'true'", "false", false),
        row("BinaryEquals", "'QmluYXJ5'", "QmluYXJ5", true),
        row("BinaryEquals", "'QmluYXJ5'", "QmluYXJ6", false),
        row("IpAddress", "'203.0.113.0/24'", "203.0.113.7", true),
        row("IpAddress", "'203.0.113.0/24'", "203.0.114.7", false),
        row("IpAddress", "'203.0.113.0/24'", MISSING, false),
        row("IpAddress", "'10.1.2.3'", "10.1.2.3", true),
        row("IpAddress", "'10.0.0.0/8'", "11.0.0.1", false),
        row("IpAddress", "'0.0.0.0/0'", "198.51.100.9", true),
        row("IpAddress", "'10.0.0.0/8'", "300.0.0.1", false),
        row("IpAddress", "'2001:db8::/32'", "2001:db8:1::5", true),
        row("IpAddress", "'2001:db8::/32'", "2001:db9::5", false),
        row("IpAddress", "'2001:db8::/32'", "10.0.0.1", false),
        row("IpAddress", "'::1'", "0:0:0:0:0:0:0:1", true),
        row("IpAddress", "['10.0.0.0/8','2001:db8::/32']", "2001:db8::1", true),
        row("NotIpAddress", "'203.0.113.0/24'", "203.0.113.7", false),
        row("NotIpAddress", "'203.0.113.0/24'", "198.51.100.1", true),
        row("NotIpAddress", "'203.0.113.0/24'", MISSING, true),
        row("Null", "'true'", MISSING, true),
        row("Null", "'true'", "x", false),
        row("Null", "'false'", "x", true),
        row("Null", "'false'", MISSING, false),
        row("StringEqualsIfExists", "'abc'", MISSING, true),
        row("StringEqualsIfExists", "'abc'", "abc", true),
        row("StringEqualsIfExists", "'abc'", "xyz", false),
        row("StringNotEqualsIfExists", "'abc'", MISSING, true),
        row("StringNotEqualsIfExists", "'abc'", "abc", false),
        row("ArnLikeIfExists", "'arn:aws:sqs:*:123456789012:*'", MISSING, true),
        row("NumericLessThanIfExists", "'10'", MISSING, true),
        row("NumericLessThanIfExists", "'10'", "12", false),
        row("DateLessThanIfExists", "'2026-12-05'", MISSING, true),
        row("IpAddressIfExists", "'10.0.0.0/8'", MISSING, true),
        row("IpAddressIfExists", "'10.0.0.0/8'", "192.168.0.1", false),
        row("ForAnyValue:StringEquals", "['a','z']", "a|b", true),
        row("ForAnyValue:StringEquals", "['z']", "a|b", false),
        row("ForAnyValue:StringEquals", "['a']", MISSING, false),
        row("ForAnyValue:StringNotEquals", "['a']", "a|b", true),
        row("ForAnyValue:StringNotEquals", "['a','b']", "a|b", false),
        row("ForAnyValue:StringLike", "['a*']", "xa|ab", true),
        row("ForAnyValue:StringEqualsIfExists", "['a']", MISSING, true),
        row("ForAllValues:StringEquals", "['a','b','c']", "a|b", true),
        row("ForAllValues:StringEquals", "['a']", "a|b", false),
        row("ForAllValues:StringEquals", "['a']", MISSING, true),
        row("ForAllValues:StringNotEquals", "['x']", "a|b", true),
        row("ForAllValues:StringNotEquals", "['a']", "a|b", false),
        row("ForAllValues:StringLike", "['team-*']", "team-a|team-b", true),
        row("ForAllValues:StringLike", "['team-*']", "team-a|ops", false),
        row("ForAllValues:NumericLessThan", "'5'", "1|2|3", true),
        row("ForAnyValue:IpAddress", "'10.0.0.0/8'", "192.168.0.1|10.9.9.9", true));
  }

  private static Arguments row(String operator, String values, String actual, boolean holds) {
    return Arguments.of(operator, values, actual, holds);
  }

  @ParameterizedTest(name = "{0} {1} against {2}: {3}")
  @MethodSource("table")
  void holdsAsAwsDocumentsForMatchingNonMatchingAndMissingKeys(
      String operator, String values, String actual, boolean holds) {
    PolicyDocument policy =
        Docs.allow(
            "'Action':'lambda:InvokeFunction','Resource':'*','Condition':{'"
                + operator
                + "':{'test:Key':"
                + values
                + "}}");
    Map<String, List<String>> context =
        actual == null ? Map.of() : Map.of("test:key", Arrays.asList(actual.split("\\|")));
    Request request = new Request(Docs.ALICE, Docs.INVOKE, Docs.FUNCTION, context);

    assertThat(Docs.decide(request, policy).allowed()).isEqualTo(holds);
  }
}
