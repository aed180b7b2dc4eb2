package dev.outlet.iam.policy;

import static dev.outlet.iam.policy.Docs.FUNCTION;
import static dev.outlet.iam.policy.Docs.INVOKE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Principals in resource-based policies, and the two-sided rule across accounts. */
class ResourcePolicyTest {
  private static final String OTHER_ACCOUNT_USER = "arn:aws:iam::210987654321:user/bob";

  @ParameterizedTest(name = "Principal {0} names {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "'*'                                                   | arn:aws:iam::123456789012:user/alice | true",
        "'*'                                                   | events.amazonaws.com | true",
        "{'AWS':'*'}                                           | arn:aws:iam::123456789012:user/carol | true",
        "{'AWS':'arn:aws:iam::123456789012:root'}              | arn:aws:iam::123456789012:user/alice | true",
        "{'AWS':'arn:aws:iam::123456789012:root'}              | arn:aws:sts::123456789012:assumed-role/worker/s1 | true",
        "{'AWS':'arn:aws:iam::123456789012:root'}              | arn:aws:iam::210987654321:user/bob | false",
        "{'AWS':'123456789012'}                                | arn:aws:iam::123456789012:role/worker | true",
        "{'AWS':'123456789012'}                                | arn:aws:iam::210987654321:root | false",
        "{'AWS':'arn:aws:iam::123456789012:user/alice'}        | arn:aws:iam::123456789012:user/alice | true",
        "{'AWS':'arn:aws:iam::123456789012:user/alice'}        | arn:aws:iam::123456789012:user/carol | false",
        "{'AWS':['arn:aws:iam::123456789012:user/carol','arn:aws:iam::123456789012:user/alice']} | arn:aws:iam::123456789012:user/alice | true",
        "{'AWS':'arn:aws:iam::123456789012:role/worker'}       | arn:aws:sts::123456789012:assumed-role/worker/s1 | true",
        "{'AWS':'arn:aws:iam::123456789012:role/ops/worker'}   | arn:aws:sts::123456789012:assumed-role/worker/s1 | true",
        "{'AWS':'arn:aws:iam::123456789012:role/worker'}       | arn:aws:sts::123456789012:assumed-role/other/s1 | false",
        "{'Service':'events.amazonaws.com'}                    | events.amazonaws.com | true",
        "{'Service':['sqs.amazonaws.com','events.amazonaws.com']} | events.amazonaws.com | true",
        "{'Service':'events.amazonaws.com'}                    | sqs.amazonaws.com | false",
        "{'Service':'events.amazonaws.com'}                    | arn:aws:iam::123456789012:user/alice | false",
      })
  void matchesPrincipalsAsAwsDocuments(String principal, String caller, boolean allowed) {
    PolicyDocument policy = functionPolicy("'Effect':'Allow','Principal':" + principal);

    Decision decision =
        PolicyEvaluator.evaluate(Request.of(caller, INVOKE, FUNCTION), List.of(), List.of(policy));

    assertThat(decision.allowed()).isEqualTo(allowed);
  }

  @Test
  void notPrincipalAppliesToEveryoneItDoesNotName() {
    PolicyDocument policy =
        Docs.resource(
            "{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Principal':'*','Action':'lambda:*','Resource':'*'},"
                + "{'Effect':'Deny','NotPrincipal':{'AWS':'arn:aws:iam::123456789012:user/alice'},"
                + "'Action':'lambda:DeleteFunction','Resource':'*'}]}");

    assertThat(evaluate("arn:aws:iam::123456789012:user/alice", "lambda:DeleteFunction", policy))
        .isInstanceOf(Decision.Allowed.class);
    assertThat(evaluate("arn:aws:iam::123456789012:user/carol", "lambda:DeleteFunction", policy))
        .isInstanceOf(Decision.ExplicitDeny.class);
  }

  @Test
  void aServiceIsLetInBySourceArnAndSourceAccount() {
    PolicyDocument policy =
        functionPolicy(
            "'Effect':'Allow','Principal':{'Service':'events.amazonaws.com'},"
                + "'Condition':{'ArnLike':{'AWS:SourceArn':'arn:aws:events:us-east-1:123456789012:rule/nightly*'},"
                + "'StringEquals':{'aws:SourceAccount':'123456789012'}}");
    Request fromRule =
        Request.of(
            "events.amazonaws.com",
            INVOKE,
            FUNCTION,
            Map.of(
                "aws:SourceArn", "arn:aws:events:us-east-1:123456789012:rule/nightly-report",
                "aws:SourceAccount", "123456789012"));
    Request fromOtherRule =
        Request.of(
            "events.amazonaws.com",
            INVOKE,
            FUNCTION,
            Map.of(
                "aws:SourceArn", "arn:aws:events:us-east-1:123456789012:rule/hourly",
                "aws:SourceAccount", "123456789012"));

    assertThat(PolicyEvaluator.evaluate(fromRule, List.of(), List.of(policy)))
        .isEqualTo(new Decision.Allowed(policy.statements().get(0), PolicyKind.RESOURCE));
    assertThat(PolicyEvaluator.evaluate(fromOtherRule, List.of(), List.of(policy)))
        .isEqualTo(new Decision.ImplicitDeny(PolicyKind.RESOURCE));
  }

  @Test
  void inOneAccountEitherSideAllows() {
    PolicyDocument identity = Docs.allow("'Action':'lambda:InvokeFunction','Resource':'*'");
    PolicyDocument resource =
        functionPolicy("'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::123456789012:root'}");
    Request alice = Request.of(Docs.ALICE, INVOKE, FUNCTION);

    assertThat(PolicyEvaluator.evaluate(alice, List.of(identity), List.of()).allowed()).isTrue();
    assertThat(PolicyEvaluator.evaluate(alice, List.of(), List.of(resource)).allowed()).isTrue();
  }

  @Test
  void acrossAccountsBothSidesMustAllow() {
    PolicyDocument identity = Docs.allow("'Action':'lambda:InvokeFunction','Resource':'*'");
    PolicyDocument resource =
        functionPolicy("'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::210987654321:root'}");
    Request bob = Request.of(OTHER_ACCOUNT_USER, INVOKE, FUNCTION);

    assertThat(PolicyEvaluator.evaluate(bob, List.of(identity), List.of()))
        .isEqualTo(new Decision.ImplicitDeny(PolicyKind.RESOURCE));
    assertThat(PolicyEvaluator.evaluate(bob, List.of(), List.of(resource)))
        .isEqualTo(new Decision.ImplicitDeny(PolicyKind.IDENTITY));
    assertThat(PolicyEvaluator.evaluate(bob, List.of(identity), List.of(resource)).allowed())
        .isTrue();
  }

  @Test
  void aResourceStatementWithoutResourceAppliesToItsResource() {
    PolicyDocument policy =
        Docs.resource(
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Principal':'*',"
                + "'Action':'lambda:InvokeFunction'}}");

    assertThat(evaluate("arn:aws:iam::123456789012:user/alice", INVOKE, policy).allowed()).isTrue();
  }

  private static Decision evaluate(String caller, String action, PolicyDocument policy) {
    return PolicyEvaluator.evaluate(
        Request.of(caller, action, FUNCTION), List.of(), List.of(policy));
  }

  private static PolicyDocument functionPolicy(String effectAndPrincipalAndMore) {
    return Docs.resource(
        "{'Version':'2012-10-17','Statement':{"
            + effectAndPrincipalAndMore
            + ",'Action':'lambda:InvokeFunction','Resource':'"
            + FUNCTION
            + "'}}");
  }
}
