package dev.outlet.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagedPoliciesTest {
  private static final String BASIC =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaRole";
  private static final String SQS_EXECUTION =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole";
  private static final String FULL = "arn:aws:iam::aws:policy/AWSLambda_FullAccess";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess";
  private static final String LOGS = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess";
  private static final String SQS = "arn:aws:iam::aws:policy/AmazonSQSFullAccess";
  private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  private static final String LOG_GROUP =
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:*";
  private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders";

  @Test
  void knowsEightPoliciesByTheirRealArnsAndLoadsEachOnce() {
    assertThat(ManagedPolicies.arns())
        .containsExactlyInAnyOrder(BASIC, ROLE, SQS_EXECUTION, FULL, READ_ONLY, LOGS, SQS, ADMIN);
    for (String arn : ManagedPolicies.arns()) {
      PolicyDocument document = ManagedPolicies.find(arn).orElseThrow();
      assertThat(document.version()).as(arn).isEqualTo("2012-10-17");
      assertThat(ManagedPolicies.find(arn).orElseThrow()).isSameAs(document);
    }
    assertThat(ManagedPolicies.find("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} on {1} {2}: {3}")
  @CsvSource({
    BASIC + ", logs:PutLogEvents, " + LOG_GROUP + ", true",
    BASIC + ", logs:CreateLogGroup, arn:aws:logs:eu-west-1:123456789012:log-group:any, true",
    BASIC + ", lambda:InvokeFunction, " + Docs.FUNCTION + ", false",
    BASIC + ", logs:DeleteLogGroup, " + LOG_GROUP + ", false",
    ROLE + ", lambda:InvokeFunction, " + Docs.FUNCTION + ", true",
    ROLE + ", lambda:DeleteFunction, " + Docs.FUNCTION + ", false",
    SQS_EXECUTION + ", sqs:ReceiveMessage, " + QUEUE + ", true",
    SQS_EXECUTION + ", sqs:DeleteMessage, " + QUEUE + ", true",
    SQS_EXECUTION + ", logs:PutLogEvents, " + LOG_GROUP + ", true",
    SQS_EXECUTION + ", sqs:SendMessage, " + QUEUE + ", false",
    FULL + ", lambda:CreateFunction, " + Docs.FUNCTION + ", true",
    FULL + ", lambda:InvokeFunction, " + Docs.FUNCTION + ", true",
    FULL + ", logs:GetLogEvents, " + LOG_GROUP + ", true",
    FULL
        + ", logs:GetLogEvents, arn:aws:logs:us-east-1:123456789012:log-group:/ecs/orders:*, false",
    FULL + ", logs:PutLogEvents, " + LOG_GROUP + ", false",
    FULL + ", sqs:SendMessage, " + QUEUE + ", false",
    READ_ONLY + ", lambda:GetFunction, " + Docs.FUNCTION + ", true",
    READ_ONLY + ", lambda:ListFunctions, *, true",
    READ_ONLY + ", logs:StartQuery, " + LOG_GROUP + ", true",
    READ_ONLY + ", lambda:InvokeFunction, " + Docs.FUNCTION + ", false",
    READ_ONLY + ", lambda:UpdateFunctionCode, " + Docs.FUNCTION + ", false",
    LOGS + ", logs:DeleteLogGroup, " + LOG_GROUP + ", true",
    LOGS + ", lambda:InvokeFunction, " + Docs.FUNCTION + ", false",
    SQS + ", sqs:SendMessage, " + QUEUE + ", true",
    SQS + ", sns:Publish, arn:aws:sns:us-east-1:123456789012:t, false",
    ADMIN + ", iam:CreateUser, *, true",
    ADMIN + ", lambda:InvokeFunction, " + Docs.FUNCTION + ", true",
  })
  void allowsWhatAwsDocumentsAndNothingElse(
      String arn, String action, String resource, boolean allowed) {
    PolicyDocument document = ManagedPolicies.find(arn).orElseThrow();

    assertThat(Docs.decide(Request.of(Docs.ALICE, action, resource), document).allowed())
        .isEqualTo(allowed);
  }

  @Test
  void fullAccessPassesRolesOnlyToLambda() {
    PolicyDocument full = ManagedPolicies.find(FULL).orElseThrow();
    String role = "arn:aws:iam::123456789012:role/orders";

    assertThat(passRole(full, role, "lambda.amazonaws.com")).isTrue();
    assertThat(passRole(full, role, "ec2.amazonaws.com")).isFalse();
  }

  private static boolean passRole(PolicyDocument policy, String role, String service) {
    Request request =
        Request.of(Docs.ALICE, "iam:PassRole", role, Map.of("iam:PassedToService", service));
    return PolicyEvaluator.evaluate(request, List.of(policy), List.of()).allowed();
  }
}
