package dev.outlet.iam.policy;

import static dev.outlet.iam.policy.Docs.ALICE;
import static dev.outlet.iam.policy.Docs.decide;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyVariablesTest {
  private static final String ALICES_FUNCTION =
      "arn:aws:lambda:us-east-1:123456789012:function:alice-orders";
  private static final String BOBS_FUNCTION =
      "arn:aws:lambda:us-east-1:123456789012:function:bob-orders";

  @Test
  void usernameInAResourceLetsEachUserReachOnlyTheirOwn() {
    PolicyDocument policy =
        Docs.allow(
            "'Action':'lambda:*',"
                + "'Resource':'arn:aws:lambda:*:123456789012:function:${aws:username}-*'");
    Map<String, String> alice = Map.of("aws:username", "alice");

    assertThat(
            decide(Request.of(ALICE, "lambda:GetFunction", ALICES_FUNCTION, alice), policy)
                .allowed())
        .isTrue();
    assertThat(
            decide(Request.of(ALICE, "lambda:GetFunction", BOBS_FUNCTION, alice), policy).allowed())
        .isFalse();
  }

  @Test
  void aVariableWithoutValueMatchesNothing() {
    PolicyDocument policy =
        Docs.allow(
            "'Action':'lambda:*',"
                + "'Resource':'arn:aws:lambda:*:123456789012:function:${aws:username}-*'");

    assertThat(decide(Request.of(ALICE, "lambda:GetFunction", ALICES_FUNCTION), policy))
        .isEqualTo(new Decision.ImplicitDeny(PolicyKind.IDENTITY));
  }

  @Test
  void principalTagsFillConditionValuesWithADefaultWhenMissing() {
    PolicyDocument policy =
        PolicyDocument.parse(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
              "Action": "lambda:InvokeFunction", "Resource": "*",
              "Condition": {"StringEquals":
                {"aws:ResourceTag/team": "${aws:PrincipalTag/team, 'shared'}"}}}}
            """,
            PolicyKind.IDENTITY);

    assertThat(
            allowed(
                policy,
                Map.of("aws:PrincipalTag/team", "orders", "aws:ResourceTag/team", "orders")))
        .isTrue();
    assertThat(
            allowed(
                policy,
                Map.of("aws:PrincipalTag/team", "orders", "aws:ResourceTag/team", "payments")))
        .isFalse();
    assertThat(allowed(policy, Map.of("aws:ResourceTag/team", "shared"))).isTrue();
  }

  @Test
  void version2008ReadsVariablesLiterally() {
    PolicyDocument policy =
        Docs.identity(
            "{'Version':'2008-10-17','Statement':{'Effect':'Allow','Action':'*',"
                + "'Resource':'arn:aws:lambda:*:123456789012:function:${aws:username}-*'}}");
    Map<String, String> alice = Map.of("aws:username", "alice");

    assertThat(
            decide(Request.of(ALICE, "lambda:GetFunction", ALICES_FUNCTION, alice), policy)
                .allowed())
        .isFalse();
    assertThat(
            decide(
                    Request.of(
                        ALICE,
                        "lambda:GetFunction",
                        "arn:aws:lambda:us-east-1:123456789012:function:${aws:username}-x",
                        alice),
                    policy)
                .allowed())
        .isTrue();
  }

  @Test
  void anEscapedStarMatchesOnlyAStar() {
    PolicyDocument policy =
        Docs.allow("'Action':'*','Resource':'*','Condition':{'StringLike':{'test:Name':'a${*}b'}}");

    assertThat(allowed(policy, Map.of("test:Name", "a*b"))).isTrue();
    assertThat(allowed(policy, Map.of("test:Name", "axxb"))).isFalse();
  }

  private static boolean allowed(PolicyDocument policy, Map<String, String> context) {
    return decide(Request.of(ALICE, Docs.INVOKE, Docs.FUNCTION, context), policy).allowed();
  }
}
