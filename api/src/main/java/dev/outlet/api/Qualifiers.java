package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;

/**
 * Resolves a caller's function name and qualifier to a function name Outlet knows, with AWS's
 * errors (lambda-contract.md §2.1, §2.5). Outlet has one version per function: {@code $LATEST}.
 */
final class Qualifiers {
  private Qualifiers() {}

  /**
   * @param queryQualifier the {@code Qualifier} query parameter, or null
   * @param invokeStyle whether a missing function is named with {@code :$LATEST}, as Invoke does
   */
  static String resolve(
      String raw,
      String queryQualifier,
      Account account,
      FunctionRegistry registry,
      boolean invokeStyle) {
    FunctionRef ref = FunctionRef.parse(raw);
    if (ref.region() != null && !ref.region().equals(account.region())) {
      throw LambdaException.notFound(
          "Functions from '"
              + ref.region()
              + "' are not reachable in this region ('"
              + account.region()
              + "')");
    }
    String q = ref.qualifier();
    if (q != null && queryQualifier != null && !q.equals(queryQualifier)) {
      throw LambdaException.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    if (q == null) {
      q = queryQualifier;
    }
    String arn = account.functionArn(ref.name());
    if (registry.find(ref.name()).isEmpty()) {
      String suffix = q != null ? ":" + q : invokeStyle ? ":$LATEST" : "";
      throw LambdaException.notFound("Function not found: " + arn + suffix);
    }
    if (q != null && !q.equals("$LATEST")) {
      throw LambdaException.notFound("Function not found: " + arn + ":" + q);
    }
    return ref.name();
  }

  /** Whether the caller named a version or alias (refused by concurrency operations). */
  static boolean qualified(String raw) {
    return FunctionRef.parse(raw).qualifier() != null;
  }
}
