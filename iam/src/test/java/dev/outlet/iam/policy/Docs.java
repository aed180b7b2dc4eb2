package dev.outlet.iam.policy;

import java.util.List;

/** Test documents written with single quotes for readability. */
final class Docs {
  static final String ALICE = "arn:aws:iam::123456789012:user/alice";
  static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:orders";
  static final String INVOKE = "lambda:InvokeFunction";

  private Docs() {}

  static PolicyDocument identity(String singleQuoted) {
    return PolicyDocument.parse(singleQuoted.replace('\'', '"'), PolicyKind.IDENTITY);
  }

  static PolicyDocument resource(String singleQuoted) {
    return PolicyDocument.parse(singleQuoted.replace('\'', '"'), PolicyKind.RESOURCE);
  }

  /** One Allow statement with the given fragment after Effect, in an identity policy. */
  static PolicyDocument allow(String fragment) {
    return identity("{'Version':'2012-10-17','Statement':{'Effect':'Allow'," + fragment + "}}");
  }

  static Decision decide(Request request, PolicyDocument... identityPolicies) {
    return PolicyEvaluator.evaluate(request, List.of(identityPolicies), List.of());
  }
}
