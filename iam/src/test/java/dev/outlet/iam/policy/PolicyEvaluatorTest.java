package dev.outlet.iam.policy;

import static dev.outlet.iam.policy.Docs.ALICE;
import static dev.outlet.iam.policy.Docs.FUNCTION;
import static dev.outlet.iam.policy.Docs.INVOKE;
import static dev.outlet.iam.policy.Docs.allow;
import static dev.outlet.iam.policy.Docs.decide;
import static dev.outlet.iam.policy.Docs.identity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyEvaluatorTest {
  @ParameterizedTest(name = "Action {0} on {1}: {2}")
  @CsvSource({
    "lambda:InvokeFunction, lambda:InvokeFunction, true",
    "lambda:invokefunction, lambda:InvokeFunction, true",
    "LAMBDA:INVOKEFUNCTION, lambda:InvokeFunction, true",
    "lambda:Invoke*, lambda:InvokeFunction, true",
    "lambda:Invoke*, lambda:InvokeAsync, true",
    "lambda:Invoke*, lambda:GetFunction, false",
    "lambda:*, lambda:GetFunction, true",
    "lambda:*, sqs:SendMessage, false",
    "*, sqs:SendMessage, true",
    "lambda:Get?unction, lambda:GetFunction, true",
    "lambda:Get?unction, lambda:GetFFunction, false",
    "lambda:*Function, lambda:DeleteFunction, true",
    "lambda:*Function, lambda:DeleteFunctionConcurrency, false",
    "lambda:InvokeFunction, lambda:InvokeFunctionUrl, false",
  })
  void matchesActionsCaseInsensitivelyWithWildcards(
      String pattern, String action, boolean allowed) {
    PolicyDocument policy = allow("'Action':'" + pattern + "','Resource':'*'");

    assertThat(decide(Request.of(ALICE, action, FUNCTION), policy).allowed()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "Resource {0} on {1}: {2}")
  @CsvSource({
    "arn:aws:lambda:us-east-1:123456789012:function:orders, arn:aws:lambda:us-east-1:123456789012:function:orders, true",
    "arn:aws:lambda:us-east-1:123456789012:function:Orders, arn:aws:lambda:us-east-1:123456789012:function:orders, false",
    "arn:aws:lambda:*:123456789012:function:*, arn:aws:lambda:eu-west-1:123456789012:function:orders, true",
    "arn:aws:lambda:*:123456789012:function:*, arn:aws:lambda:eu-west-1:210987654321:function:orders, false",
    "arn:aws:lambda:us-east-1:123456789012:function:ord?rs, arn:aws:lambda:us-east-1:123456789012:function:orders, true",
    "arn:aws:lambda:us-east-1:123456789012:function:orders, arn:aws:lambda:us-east-1:123456789012:function:orders:prod, false",
    "arn:aws:lambda:us-east-1:123456789012:function:orders*, arn:aws:lambda:us-east-1:123456789012:function:orders:prod, true",
    "arn:aws:logs:*:*:*, arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:*, true",
    "arn:aws:logs:*:*:log-group:/aws/lambda/*, arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:log-stream:x, true",
    "arn:aws:logs:*:*:log-group:/aws/lambda/*, arn:aws:logs:us-east-1:123456789012:log-group:/ecs/orders, false",
    "arn:aws:s3:::bucket/*, arn:aws:s3:::bucket/a/b.txt, true",
    "arn:aws:logs:*, arn:aws:logs:us-east-1:123456789012:log-group:x, true",
    "*, arn:aws:sqs:us-east-1:123456789012:q, true",
  })
  void matchesResourcesCaseSensitivelyPartByPart(String pattern, String arn, boolean allowed) {
    PolicyDocument policy = allow("'Action':'*','Resource':'" + pattern + "'");

    assertThat(decide(Request.of(ALICE, INVOKE, arn), policy).allowed()).isEqualTo(allowed);
  }

  @Test
  void notActionAllowsEverythingItDoesNotName() {
    PolicyDocument policy = allow("'NotAction':['iam:*','lambda:Delete*'],'Resource':'*'");

    assertThat(decide(Request.of(ALICE, INVOKE, FUNCTION), policy).allowed()).isTrue();
    assertThat(decide(Request.of(ALICE, "iam:CreateUser", "*"), policy).allowed()).isFalse();
    assertThat(decide(Request.of(ALICE, "lambda:DeleteFunction", FUNCTION), policy).allowed())
        .isFalse();
  }

  @Test
  void notResourceAllowsEveryResourceItDoesNotName() {
    PolicyDocument policy =
        allow("'Action':'lambda:*','NotResource':'arn:aws:lambda:*:*:function:admin-*'");

    assertThat(decide(Request.of(ALICE, INVOKE, FUNCTION), policy).allowed()).isTrue();
    assertThat(
            decide(
                    Request.of(
                        ALICE, INVOKE, "arn:aws:lambda:us-east-1:123456789012:function:admin-x"),
                    policy)
                .allowed())
        .isFalse();
  }

  @Test
  void denyWithNotActionDeniesEverythingElse() {
    PolicyDocument policy =
        identity(
            "{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','NotAction':'lambda:Get*','Resource':'*'}]}");

    assertThat(decide(Request.of(ALICE, "lambda:GetFunction", FUNCTION), policy).allowed())
        .isTrue();
    assertThat(decide(Request.of(ALICE, INVOKE, FUNCTION), policy))
        .isInstanceOf(Decision.ExplicitDeny.class);
  }

  @Test
  void explicitDenyBeatsAllowInTheSameAndInOtherPolicies() {
    PolicyDocument allowAll = allow("'Action':'*','Resource':'*'");
    PolicyDocument denyInvoke =
        identity(
            "{'Version':'2012-10-17','Statement':{'Sid':'NoInvoke','Effect':'Deny',"
                + "'Action':'lambda:InvokeFunction','Resource':'*'}}");

    Decision before = decide(Request.of(ALICE, INVOKE, FUNCTION), allowAll, denyInvoke);
    Decision after = decide(Request.of(ALICE, INVOKE, FUNCTION), denyInvoke, allowAll);

    assertThat(before).isEqualTo(after);
    assertThat(before)
        .isInstanceOfSatisfying(
            Decision.ExplicitDeny.class,
            deny -> {
              assertThat(deny.statement().sid()).contains("NoInvoke");
              assertThat(deny.source()).isEqualTo(PolicyKind.IDENTITY);
            });
  }

  @Test
  void denyInAResourcePolicyBeatsAnIdentityAllow() {
    PolicyDocument allowAll = allow("'Action':'*','Resource':'*'");
    PolicyDocument functionPolicy =
        Docs.resource(
            "{'Version':'2012-10-17','Statement':{'Effect':'Deny','Principal':'*',"
                + "'Action':'lambda:InvokeFunction','Resource':'"
                + FUNCTION
                + "'}}");

    Decision decision =
        PolicyEvaluator.evaluate(
            Request.of(ALICE, INVOKE, FUNCTION), List.of(allowAll), List.of(functionPolicy));

    assertThat(decision)
        .isEqualTo(
            new Decision.ExplicitDeny(functionPolicy.statements().get(0), PolicyKind.RESOURCE));
  }

  @Test
  void aDenyWhoseConditionFailsDeniesNothing() {
    PolicyDocument policy =
        identity(
            "{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'*','Resource':'*',"
                + "'Condition':{'Bool':{'aws:SecureTransport':'false'}}}]}");

    assertThat(
            decide(
                    Request.of(ALICE, INVOKE, FUNCTION, Map.of("aws:SecureTransport", "true")),
                    policy)
                .allowed())
        .isTrue();
    assertThat(
            decide(
                    Request.of(ALICE, INVOKE, FUNCTION, Map.of("aws:SecureTransport", "false")),
                    policy)
                .allowed())
        .isFalse();
  }

  @Test
  void nothingAllowingIsAnImplicitDeny() {
    PolicyDocument policy = allow("'Action':'sqs:*','Resource':'*'");

    assertThat(decide(Request.of(ALICE, INVOKE, FUNCTION), policy))
        .isEqualTo(new Decision.ImplicitDeny(PolicyKind.IDENTITY));
    assertThat(decide(Request.of(ALICE, INVOKE, FUNCTION)))
        .isEqualTo(new Decision.ImplicitDeny(PolicyKind.IDENTITY));
  }

  @Test
  void keysUnderOneOperatorAreAndedAndValuesOfOneKeyAreOred() {
    PolicyDocument policy =
        allow(
            "'Action':'*','Resource':'*','Condition':{"
                + "'StringEquals':{'aws:PrincipalTag/team':['payments','orders'],"
                + "'aws:RequestedRegion':'us-east-1'},"
                + "'Bool':{'aws:SecureTransport':'true'}}");

    assertThat(
            allowedWith(
                policy,
                Map.of(
                    "aws:PrincipalTag/team",
                    "orders",
                    "aws:RequestedRegion",
                    "us-east-1",
                    "aws:SecureTransport",
                    "true")))
        .isTrue();
    assertThat(
            allowedWith(
                policy,
                Map.of(
                    "aws:PrincipalTag/team",
                    "payments",
                    "aws:RequestedRegion",
                    "us-east-1",
                    "aws:SecureTransport",
                    "true")))
        .isTrue();
    assertThat(
            allowedWith(
                policy,
                Map.of(
                    "aws:PrincipalTag/team",
                    "orders",
                    "aws:RequestedRegion",
                    "eu-west-1",
                    "aws:SecureTransport",
                    "true")))
        .isFalse();
    assertThat(
            allowedWith(
                policy,
                Map.of(
                    "aws:PrincipalTag/team",
                    "orders",
                    "aws:RequestedRegion",
                    "us-east-1",
                    "aws:SecureTransport",
                    "false")))
        .isFalse();
    assertThat(
            allowedWith(
                policy,
                Map.of("aws:PrincipalTag/team", "orders", "aws:RequestedRegion", "us-east-1")))
        .isFalse();
  }

  @Test
  void readsConditionKeysCaseInsensitively() {
    PolicyDocument policy =
        allow("'Action':'*','Resource':'*','Condition':{'StringEquals':{'AWS:SourceAccount':'1'}}");

    assertThat(allowedWith(policy, Map.of("aws:sourceaccount", "1"))).isTrue();
    assertThat(allowedWith(policy, Map.of("aws:SourceAccount", "2"))).isFalse();
  }

  @Test
  void timeConditionsReadTheClockFromTheContext() {
    PolicyDocument policy =
        allow(
            "'Action':'*','Resource':'*','Condition':{"
                + "'DateGreaterThan':{'aws:CurrentTime':'2026-12-01T00:00:00Z'},"
                + "'DateLessThan':{'aws:CurrentTime':'2026-12-31T23:59:59Z'}}");

    assertThat(allowedWith(policy, Map.of("aws:CurrentTime", "2026-12-04T10:00:00Z"))).isTrue();
    assertThat(allowedWith(policy, Map.of("aws:CurrentTime", "2027-01-01T00:00:00Z"))).isFalse();
    assertThat(allowedWith(policy, Map.of())).isFalse();
  }

  @Test
  void functionUrlAuthTypeGuardsAPublicUrl() {
    PolicyDocument functionPolicy =
        Docs.resource(
            "{'Version':'2012-10-17','Statement':{'Sid':'FunctionURLAllowPublicAccess',"
                + "'Effect':'Allow','Principal':'*','Action':'lambda:InvokeFunctionUrl',"
                + "'Resource':'"
                + FUNCTION
                + "','Condition':{'StringEquals':{'lambda:FunctionUrlAuthType':'NONE'}}}}");
    Request anonymous =
        Request.of(
            "anonymous",
            "lambda:InvokeFunctionUrl",
            FUNCTION,
            Map.of("lambda:FunctionUrlAuthType", "NONE"));

    assertThat(PolicyEvaluator.evaluate(anonymous, List.of(), List.of(functionPolicy)).allowed())
        .isTrue();
  }

  private static boolean allowedWith(PolicyDocument policy, Map<String, String> context) {
    return decide(Request.of(ALICE, INVOKE, FUNCTION, context), policy).allowed();
  }
}
