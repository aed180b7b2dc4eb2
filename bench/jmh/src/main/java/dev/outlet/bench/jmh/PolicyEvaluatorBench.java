package dev.outlet.bench.jmh;

import dev.outlet.iam.policy.Decision;
import dev.outlet.iam.policy.ManagedPolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyEvaluator;
import dev.outlet.iam.policy.PolicyKind;
import dev.outlet.iam.policy.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PolicyEvaluator#evaluate} over cached, parsed policies: the decision every request will
 * pay for once enforcement is wired in. Parsing is outside the measurement, as it will be outside
 * the request path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluatorBench {
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:orders";

  private List<PolicyDocument> identity;
  private List<PolicyDocument> resource;
  private Request alice;
  private Request rule;
  private Request readOnly;
  private List<PolicyDocument> readOnlyPolicies;

  @Setup
  public void setUp() {
    PolicyDocument guard =
        PolicyDocument.parse(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "NoPlainHttp", "Effect": "Deny", "Action": "*", "Resource": "*",
               "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
              {"Sid": "OwnFunctions", "Effect": "Allow", "Action": "lambda:Invoke*",
               "Resource": "arn:aws:lambda:*:123456789012:function:${aws:PrincipalTag/team}-*"}]}
            """,
            PolicyKind.IDENTITY);
    identity =
        List.of(
            ManagedPolicies.find("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
                .orElseThrow(),
            guard,
            ManagedPolicies.find("arn:aws:iam::aws:policy/AWSLambda_FullAccess").orElseThrow());
    resource =
        List.of(
            PolicyDocument.parse(
                """
                {"Version": "2012-10-17", "Statement": {"Sid": "nightly", "Effect": "Allow",
                  "Principal": {"Service": "events.amazonaws.com"},
                  "Action": "lambda:InvokeFunction", "Resource": "%s",
                  "Condition": {"ArnLike": {"AWS:SourceArn":
                    "arn:aws:events:us-east-1:123456789012:rule/nightly*"}}}}
                """
                    .formatted(FUNCTION),
                PolicyKind.RESOURCE));
    readOnlyPolicies =
        List.of(
            ManagedPolicies.find("arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess").orElseThrow());
    alice =
        Request.of(
            "arn:aws:iam::123456789012:user/alice",
            "lambda:InvokeFunction",
            FUNCTION,
            Map.of("aws:SecureTransport", "true", "aws:PrincipalTag/team", "orders"));
    rule =
        Request.of(
            "events.amazonaws.com",
            "lambda:InvokeFunction",
            FUNCTION,
            Map.of("aws:SourceArn", "arn:aws:events:us-east-1:123456789012:rule/nightly-report"));
    readOnly = Request.of("arn:aws:iam::123456789012:user/bob", "lambda:InvokeFunction", FUNCTION);
  }

  /** A user allowed by identity policies (three documents, a deny with a condition to clear). */
  @Benchmark
  public Decision identityAllow() {
    return PolicyEvaluator.evaluate(alice, identity, List.of());
  }

  /** A service let in by a function policy with a principal and an ArnLike condition. */
  @Benchmark
  public Decision serviceAllowedByResourcePolicy() {
    return PolicyEvaluator.evaluate(rule, List.of(), resource);
  }

  /** Nothing allows: every statement is tried and ruled out. */
  @Benchmark
  public Decision implicitDeny() {
    return PolicyEvaluator.evaluate(readOnly, readOnlyPolicies, resource);
  }
}
