package dev.outlet.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer.Verdict;
import dev.outlet.edge.Caller;
import dev.outlet.iam.policy.ManagedPolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyAuthorizerTest {
  private static final String ACCOUNT = "123456789012";
  private static final String FN = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:victim";
  private static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
  private static final String BOB = "arn:aws:iam::" + ACCOUNT + ":user/bob";
  private static final String SESSION =
      "arn:aws:sts::" + ACCOUNT + ":assumed-role/worker/fn-session";

  private static PolicyDocument doc(String json, PolicyKind kind) {
    return PolicyDocument.parse(json, kind);
  }

  private final Map<String, List<PolicyDocument>> identity =
      Map.of(
          ALICE,
          List.of(ManagedPolicies.find("arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess").get()),
          SESSION,
          List.of(
              doc(
                  """
                  {"Version":"2012-10-17","Statement":[
                   {"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*",
                    "Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"},
                                 "ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/worker"}}},
                   {"Effect":"Deny","Action":"lambda:InvokeFunction","Resource":"%s:prod"}]}
                  """
                      .formatted(FN),
                  PolicyKind.IDENTITY)));
  private final Map<String, List<PolicyDocument>> resource =
      Map.of(
          FN,
          List.of(
              doc(
                  """
                  {"Version":"2012-10-17","Id":"default","Statement":[
                   {"Sid":"bob","Effect":"Allow","Principal":{"AWS":"%s"},
                    "Action":"lambda:InvokeFunction","Resource":"%s"}]}
                  """
                      .formatted(BOB, FN),
                  PolicyKind.RESOURCE)));
  private final PolicyAuthorizer authorizer =
      new PolicyAuthorizer(
          ACCOUNT,
          arn -> identity.getOrDefault(arn, List.of()),
          arn -> resource.getOrDefault(arn, List.of()),
          InstantSource.fixed(Instant.parse("2026-12-04T12:00:00Z")));

  private Verdict decide(String principal, String action, String on, String ip) {
    return authorizer.decide(new Caller("AKIA", principal), new Access(action, on), ip);
  }

  @Test
  void aManagedReadOnlyPolicyReadsButDoesNotWriteWithAwssMessage() {
    assertThat(decide(ALICE, "lambda:GetFunction", FN, "127.0.0.1")).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(ALICE, "lambda:CreateFunction", FN, "127.0.0.1"))
        .isEqualTo(
            new Verdict.Denied(
                "User: "
                    + ALICE
                    + " is not authorized to perform: lambda:CreateFunction on resource: "
                    + FN
                    + " because no identity-based policy allows the lambda:CreateFunction"
                    + " action"));
  }

  @Test
  void aFunctionPolicyLetsAnotherUserInvokeAndNothingElse() {
    assertThat(decide(BOB, "lambda:InvokeFunction", FN, "127.0.0.1")).isEqualTo(Verdict.ALLOWED);
    assertThat(decide(BOB, "lambda:GetFunction", FN, "127.0.0.1"))
        .isInstanceOf(Verdict.Denied.class);
    assertThat(decide(BOB, "lambda:InvokeFunction", FN + "-other", "127.0.0.1"))
        .isInstanceOf(Verdict.Denied.class);
  }

  @Test
  void aSessionIsJudgedByItsRolesPoliciesWithTheGlobalConditionKeys() {
    assertThat(decide(SESSION, "lambda:InvokeFunction", FN, "127.0.0.1"))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(decide(SESSION, "lambda:InvokeFunction", FN, "10.1.2.3"))
        .isInstanceOf(Verdict.Denied.class);
    assertThat(decide(SESSION, "lambda:InvokeFunction", FN + ":prod", "127.0.0.1"))
        .isEqualTo(
            new Verdict.Denied(
                "User: "
                    + SESSION
                    + " is not authorized to perform: lambda:InvokeFunction on resource: "
                    + FN
                    + ":prod with an explicit deny in an identity-based policy"));
  }

  @Test
  void theRootIsAllowedAndAnUnknownUserNothing() {
    assertThat(decide("arn:aws:iam::" + ACCOUNT + ":root", "iam:CreateUser", "*", null))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(
            decide("arn:aws:iam::" + ACCOUNT + ":user/nobody", "lambda:ListFunctions", "*", null))
        .isInstanceOf(Verdict.Denied.class);
    assertThat(
            authorizer.decide(
                new Caller(null, null), new Access("lambda:ListFunctions", "*"), null))
        .isInstanceOf(Verdict.Denied.class);
  }

  @Test
  void awsManagedPoliciesBelongToNoAccountSoAnAdministratorReadsThem() {
    PolicyAuthorizer admin =
        new PolicyAuthorizer(
            ACCOUNT,
            arn ->
                List.of(ManagedPolicies.find("arn:aws:iam::aws:policy/AdministratorAccess").get()),
            arn -> List.of(),
            InstantSource.fixed(Instant.parse("2026-12-04T12:00:00Z")));
    assertThat(
            admin.decide(
                new Caller("AKIA", ALICE),
                new Access(
                    "iam:GetPolicyVersion",
                    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                null))
        .isEqualTo(Verdict.ALLOWED);
  }
}
