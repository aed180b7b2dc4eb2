package dev.outlet.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyEvaluatorTest {
  private static final String ALICE = "arn:aws:iam::123456789012:user/alice";
  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:orders";

  private static AccessRequest request(String action, String resource, String... context) {
    Map<String, List<String>> c = new HashMap<>();
    for (int i = 0; i < context.length; i += 2) {
      c.put(context[i], List.of(context[i + 1].split("\\|")));
    }
    return new AccessRequest(ALICE, action, resource, c);
  }

  private static Decision decide(String policy, AccessRequest request) {
    return PolicyEvaluator.evaluate(request, List.of(PolicyParser.parse(policy)));
  }

  private static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}}";
  }

  @ParameterizedTest(name = "{0} on {1} for {2} {3}: {4}")
  @CsvSource({
    "lambda:InvokeFunction, *, lambda:InvokeFunction, " + FN + ", true",
    "lambda:Invoke*, *, lambda:InvokeFunction, " + FN + ", true",
    "lambda:*, *, lambda:GetFunction, " + FN + ", true",
    "LAMBDA:invokefunction, *, lambda:InvokeFunction, " + FN + ", true",
    "*, *, logs:PutLogEvents, arn:aws:logs:us-east-1:1:log-group:g, true",
    "lambda:Get?unction, *, lambda:GetFunction, " + FN + ", true",
    "lambda:Get?unction, *, lambda:GetFunctions, " + FN + ", false",
    "lambda:InvokeFunction, *, lambda:GetFunction, " + FN + ", false",
    "lambda:InvokeFunction, arn:aws:lambda:*:*:function:ord*, lambda:InvokeFunction, "
        + FN
        + ", true",
    "lambda:InvokeFunction, arn:aws:lambda:*:*:function:other, lambda:InvokeFunction, "
        + FN
        + ", false",
    "lambda:InvokeFunction, ARN:aws:lambda:*:*:function:orders, lambda:InvokeFunction, "
        + FN
        + ", false",
  })
  void actionsMatchIgnoringCaseAndResourcesMatchExactlyWithWildcards(
      String action, String resource, String asked, String on, boolean allowed) {
    assertThat(decide(allow(action, resource), request(asked, on)).allowed()).isEqualTo(allowed);
  }

  @Test
  void anExplicitDenyWinsOverAnyAllow() {
    String policy =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"NoOrders\",\"Effect\":\"Deny\",\"Action\":\"lambda:InvokeFunction\","
            + "\"Resource\":\""
            + FN
            + "\"}]}";
    Decision d = decide(policy, request("lambda:InvokeFunction", FN));
    assertThat(d)
        .isInstanceOfSatisfying(
            Decision.ExplicitDeny.class, e -> assertThat(e.by().sid()).isEqualTo("NoOrders"));
    assertThat(decide(policy, request("lambda:GetFunction", FN)).allowed()).isTrue();
    assertThat(PolicyEvaluator.denial(request("lambda:InvokeFunction", FN), d))
        .isEqualTo(
            "User: "
                + ALICE
                + " is not authorized to perform: lambda:InvokeFunction on resource: "
                + FN
                + " with an explicit deny in an identity-based policy");
  }

  @Test
  void nothingAllowedIsAnImplicitDenyInAwssWords() {
    AccessRequest r = request("lambda:InvokeFunction", FN);
    Decision d = PolicyEvaluator.evaluate(r, List.of());
    assertThat(d).isInstanceOf(Decision.ImplicitDeny.class);
    assertThat(PolicyEvaluator.denial(r, d))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " lambda:InvokeFunction on resource: "
                + FN
                + " because no identity-based policy allows the lambda:InvokeFunction action");
  }

  @Test
  void notActionAndNotResourceAllowEverythingElse() {
    String policy =
        "{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"NotResource\":\""
            + FN
            + "\"}}";
    assertThat(decide(policy, request("lambda:GetFunction", FN + "2")).allowed()).isTrue();
    assertThat(decide(policy, request("lambda:GetFunction", FN)).allowed()).isFalse();
    assertThat(decide(policy, request("iam:CreateUser", "*")).allowed()).isFalse();
  }

  private static String when(String operator, String key, String values) {
    return "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
        + "\"Condition\":{\""
        + operator
        + "\":{\""
        + key
        + "\":"
        + values
        + "}}}}";
  }

  @ParameterizedTest(name = "{0} {1} {2} with [{3}]: {4}")
  @CsvSource(
      delimiter = ';',
      value = {
        "StringEquals; aws:SourceAccount; \"123456789012\"; 123456789012; true",
        "StringEquals; aws:SourceAccount; \"123456789012\"; 999999999999; false",
        "StringEquals; aws:SourceAccount; \"123456789012\"; ; false",
        "StringEquals; aws:SourceAccount; [\"1\",\"123456789012\"]; 123456789012; true",
        "StringNotEquals; aws:SourceAccount; \"123456789012\"; 999999999999; true",
        "StringNotEquals; aws:SourceAccount; \"123456789012\"; 123456789012; false",
        "StringNotEquals; aws:SourceAccount; \"123456789012\"; ; true",
        "StringEqualsIgnoreCase; aws:PrincipalTag/team; \"Orders\"; oRDERS; true",
        "StringLike; aws:PrincipalTag/team; \"ord*\"; orders; true",
        "StringNotLike; aws:PrincipalTag/team; \"ord*\"; orders; false",
        "StringEqualsIfExists; aws:PrincipalTag/team; \"orders\"; ; true",
        "StringEqualsIfExists; aws:PrincipalTag/team; \"orders\"; billing; false",
        "ArnLike; aws:SourceArn; \"arn:aws:events:*:*:rule/nightly-*\"; arn:aws:events:us-east-1:1:rule/nightly-1; true",
        "ArnEquals; aws:SourceArn; \"arn:aws:events:us-east-1:1:rule/a\"; arn:aws:events:us-east-1:1:rule/b; false",
        "ArnNotLike; aws:SourceArn; \"arn:aws:events:*\"; arn:aws:sqs:us-east-1:1:q; true",
        "NumericLessThan; s3:max-keys; \"10\"; 9; true",
        "NumericLessThan; s3:max-keys; \"10\"; 10; false",
        "NumericLessThanEquals; s3:max-keys; \"10\"; 10; true",
        "NumericGreaterThan; s3:max-keys; \"10\"; 10.5; true",
        "NumericEquals; s3:max-keys; \"10\"; ten; false",
        "NumericNotEquals; s3:max-keys; \"10\"; 11; true",
        "DateLessThan; aws:CurrentTime; \"2026-12-31T00:00:00Z\"; 2026-12-04T10:00:00Z; true",
        "DateGreaterThan; aws:CurrentTime; \"2026-12-31T00:00:00Z\"; 2026-12-04T10:00:00Z; false",
        "DateGreaterThanEquals; aws:EpochTime; \"1700000000\"; 1800000000; true",
        "Bool; aws:SecureTransport; \"true\"; TRUE; true",
        "Bool; aws:SecureTransport; \"true\"; false; false",
        "Bool; aws:SecureTransport; true; true; true",
        "IpAddress; aws:SourceIp; \"203.0.113.0/24\"; 203.0.113.7; true",
        "IpAddress; aws:SourceIp; \"203.0.113.0/24\"; 203.0.114.7; false",
        "IpAddress; aws:SourceIp; \"2001:db8::/32\"; 2001:db8:1::5; true",
        "IpAddress; aws:SourceIp; \"203.0.113.0/24\"; not-an-address; false",
        "NotIpAddress; aws:SourceIp; \"10.0.0.0/8\"; 203.0.113.7; true",
        "Null; aws:PrincipalTag/team; \"true\"; ; true",
        "Null; aws:PrincipalTag/team; \"true\"; orders; false",
        "Null; aws:PrincipalTag/team; \"false\"; orders; true",
        "ForAnyValue:StringEquals; aws:TagKeys; [\"env\",\"team\"]; cost|team; true",
        "ForAnyValue:StringEquals; aws:TagKeys; [\"env\",\"team\"]; cost|owner; false",
        "ForAnyValue:StringEquals; aws:TagKeys; [\"env\"]; ; false",
        "ForAllValues:StringEquals; aws:TagKeys; [\"env\",\"team\"]; env|team; true",
        "ForAllValues:StringEquals; aws:TagKeys; [\"env\",\"team\"]; env|cost; false",
        "ForAllValues:StringEquals; aws:TagKeys; [\"env\"]; ; true",
        "StringEquals; aws:username; \"${aws:PrincipalTag/login}\"; alice; false",
      })
  void conditionsFollowAwssOperators(
      String operator, String key, String values, String given, boolean allowed) {
    AccessRequest r =
        given == null
            ? request("lambda:InvokeFunction", FN)
            : request("lambda:InvokeFunction", FN, key, given);
    assertThat(decide(when(operator, key, values), r).allowed()).isEqualTo(allowed);
  }

  @Test
  void policyVariablesAreReplacedFromTheContext() {
    String policy =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:CreateAccessKey\","
            + "\"Resource\":\"arn:aws:iam::123456789012:user/${aws:username}\"}}";
    assertThat(
            decide(policy, request("iam:CreateAccessKey", ALICE, "aws:username", "alice"))
                .allowed())
        .isTrue();
    assertThat(
            decide(
                    policy,
                    request(
                        "iam:CreateAccessKey",
                        "arn:aws:iam::123456789012:user/bob",
                        "aws:username",
                        "alice"))
                .allowed())
        .isFalse();
    assertThat(decide(policy, request("iam:CreateAccessKey", ALICE)).allowed()).isFalse();
  }

  @Test
  void conditionKeysAreCaseInsensitiveAndAllConditionsMustHold() {
    String policy =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
            + "{\"StringEquals\":{\"AWS:SourceAccount\":\"1\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}}";
    assertThat(
            decide(
                    policy,
                    request("s:a", "r", "aws:sourceaccount", "1", "aws:SecureTransport", "true"))
                .allowed())
        .isTrue();
    assertThat(decide(policy, request("s:a", "r", "aws:SourceAccount", "1")).allowed()).isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "not json; Syntax errors in policy.",
        "{\"Version\":\"2012-10-17\"}; Syntax errors in policy.",
        "{\"Statement\":{\"Action\":\"*\",\"Resource\":\"*\"}}; Missing required field Effect",
        "{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}; Invalid effect: Maybe",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}; Policy statement must contain actions.",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"x\",\"Resource\":\"*\"}}; Statement can not contain both Action and NotAction.",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}; Policy statement must contain resources.",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}; Policy document should not specify a principal.",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"k\":\"v\"}}}}; Invalid Condition type : StringEqualz.",
        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}}; Syntax errors in policy.",
      })
  void documentsIamRefusesAreRefusedWithItsMessages(String document, String message) {
    assertThatThrownBy(() -> PolicyParser.parse(document))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.queryCode()).isEqualTo("MalformedPolicyDocument"))
        .hasMessage(message);
  }

  @Test
  void aRandomDocumentIsParsedOrRefusedNeverAnotherFailure() {
    Random random = new Random(14);
    String[] parts = {
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      "\"Statement\"",
      "\"Effect\"",
      "\"Allow\"",
      "\"Deny\"",
      "\"Action\"",
      "\"Resource\"",
      "\"*\"",
      "\"Condition\"",
      "\"StringLike\"",
      "\"IpAddress\"",
      "\"aws:SourceIp\"",
      "\"10.0.0.0/8\"",
      "\"NotAction\"",
      "1",
      "null",
      "true"
    };
    AccessRequest r = request("lambda:InvokeFunction", FN, "aws:SourceIp", "10.1.2.3");
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder("{\"Statement\":");
      int n = random.nextInt(30);
      for (int k = 0; k < n; k++) {
        b.append(parts[random.nextInt(parts.length)]);
      }
      try {
        PolicyEvaluator.evaluate(r, List.of(PolicyParser.parse(b.toString())));
      } catch (PolicyException expected) {
        // refused as IAM refuses
      }
    }
  }
}
