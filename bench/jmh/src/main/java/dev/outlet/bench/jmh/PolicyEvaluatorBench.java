package dev.outlet.bench.jmh;

import dev.outlet.iam.policy.AccessRequest;
import dev.outlet.iam.policy.Decision;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyEvaluator;
import dev.outlet.iam.policy.PolicyParser;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PolicyEvaluator#evaluate} over parsed (cached) documents, as an Invoke would ask it: a
 * role's policies of a few statements, one with a condition, allowed by the last.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluatorBench {
  private final List<PolicyDocument> policies =
      List.of(
          PolicyParser.parse(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "[\"logs:CreateLogGroup\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"],"
                  + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"lambda:DeleteFunction\","
                  + "\"Resource\":\"*\"}]}"),
          PolicyParser.parse(
              "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
                  + "\"lambda:Invoke*\",\"Resource\":\"arn:aws:lambda:*:123456789012:function:ord*\","
                  + "\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}}"));
  private final AccessRequest request =
      new AccessRequest(
          "arn:aws:iam::123456789012:role/orders-caller",
          "lambda:InvokeFunction",
          "arn:aws:lambda:us-east-1:123456789012:function:orders",
          Map.of("aws:SourceAccount", List.of("123456789012")));

  @Benchmark
  public Decision invokeAllowedByTheLastStatement() {
    return PolicyEvaluator.evaluate(request, policies);
  }
}
