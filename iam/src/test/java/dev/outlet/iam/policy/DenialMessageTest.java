package dev.outlet.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenialMessageTest {
  private static final Request REQUEST =
      Request.of(
          "arn:aws:iam::123456789012:user/alice",
          "lambda:InvokeFunction",
          "arn:aws:lambda:us-east-1:123456789012:function:orders");

  @Test
  void saysNoIdentityBasedPolicyAllowsWhenNothingAllowed() {
    Decision decision = PolicyEvaluator.evaluate(REQUEST, List.of(), List.of());

    assertThat(DenialMessage.of(REQUEST, decision))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " lambda:InvokeFunction on resource:"
                + " arn:aws:lambda:us-east-1:123456789012:function:orders because no"
                + " identity-based policy allows the lambda:InvokeFunction action");
  }

  @Test
  void namesTheExplicitDenyInAnIdentityBasedPolicy() {
    PolicyDocument deny =
        Docs.identity(
            "{'Version':'2012-10-17','Statement':{'Effect':'Deny','Action':'*','Resource':'*'}}");

    assertThat(DenialMessage.of(REQUEST, Docs.decide(REQUEST, deny)))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform:"
                + " lambda:InvokeFunction on resource:"
                + " arn:aws:lambda:us-east-1:123456789012:function:orders with an explicit deny"
                + " in an identity-based policy");
  }

  @Test
  void saysNoResourceBasedPolicyAllowsWhenOnlyTheResourceSideIsAsked() {
    PolicyDocument functionPolicy =
        Docs.resource(
            "{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Principal':{'Service':'sqs.amazonaws.com'},'Action':'lambda:InvokeFunction'}}");

    Decision decision = PolicyEvaluator.evaluate(REQUEST, List.of(), List.of(functionPolicy));

    assertThat(DenialMessage.of(REQUEST, decision))
        .endsWith(
            "on resource: arn:aws:lambda:us-east-1:123456789012:function:orders because no"
                + " resource-based policy allows the lambda:InvokeFunction action");
  }

  @Test
  void namesTheExplicitDenyInAResourceBasedPolicy() {
    Decision decision =
        new Decision.ExplicitDeny(
            Docs.resource("{'Statement':{'Effect':'Deny','Principal':'*','Action':'lambda:*'}}")
                .statements()
                .get(0),
            PolicyKind.RESOURCE);

    assertThat(DenialMessage.of(REQUEST, decision))
        .endsWith("with an explicit deny in a resource-based policy");
  }

  @Test
  void refusesToWordAnAllowedRequestAsDenied() {
    Decision allowed =
        Docs.decide(REQUEST, Docs.allow("'Action':'lambda:InvokeFunction','Resource':'*'"));

    assertThatThrownBy(() -> DenialMessage.of(REQUEST, allowed))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
