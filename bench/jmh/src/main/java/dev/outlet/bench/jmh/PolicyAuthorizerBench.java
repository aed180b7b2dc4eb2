package dev.outlet.bench.jmh;

import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.Caller;
import dev.outlet.iam.PolicyAuthorizer;
import dev.outlet.iam.policy.ManagedPolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import java.time.InstantSource;
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
 * What {@code --auth iam} adds to each Invoke: {@link PolicyAuthorizer#decide} for {@code
 * lambda:InvokeFunction}, with the request's context built (time, source address, principal) and
 * the caller's and the function's cached policies evaluated. Three callers: an administrator, an
 * execution-role session allowed by an inline policy, and a user let in by the function's policy
 * only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyAuthorizerBench {
  private static final String ACCOUNT = "123456789012";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:orders";
  private static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":user/admin";
  private static final String SESSION = "arn:aws:sts::" + ACCOUNT + ":assumed-role/caller/front";
  private static final String PARTNER = "arn:aws:iam::" + ACCOUNT + ":user/partner";

  private PolicyAuthorizer authorizer;
  private Access invoke;

  @Setup
  public void setUp() {
    Map<String, List<PolicyDocument>> identities =
        Map.of(
            ADMIN,
            List.of(ManagedPolicies.find("arn:aws:iam::aws:policy/AdministratorAccess").get()),
            SESSION,
            List.of(
                ManagedPolicies.find(
                        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
                    .get(),
                PolicyDocument.parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:*:*:function:orders\"}]}",
                    PolicyKind.IDENTITY)));
    List<PolicyDocument> functionPolicy =
        List.of(
            PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"p\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                    + PARTNER
                    + "\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\""
                    + FUNCTION
                    + "\"}]}",
                PolicyKind.RESOURCE));
    authorizer =
        new PolicyAuthorizer(
            ACCOUNT,
            arn -> identities.getOrDefault(arn, List.of()),
            arn -> arn.equals(FUNCTION) ? functionPolicy : List.of(),
            InstantSource.system());
    invoke = new Access("lambda:InvokeFunction", FUNCTION);
  }

  @Benchmark
  public Authorizer.Verdict administrator() {
    return authorizer.decide(new Caller("AKIA", ADMIN), invoke, "127.0.0.1");
  }

  @Benchmark
  public Authorizer.Verdict executionRoleSession() {
    return authorizer.decide(new Caller("ASIA", SESSION), invoke, "127.0.0.1");
  }

  @Benchmark
  public Authorizer.Verdict functionPolicyOnly() {
    return authorizer.decide(new Caller("AKIA", PARTNER), invoke, "127.0.0.1");
  }
}
