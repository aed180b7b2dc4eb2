package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.AliasRecord;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import java.util.regex.Pattern;

/**
 * Resolves a caller's function name and qualifier (none, {@code $LATEST}, a version number or an
 * alias) to what Outlet has published, with AWS's errors (lambda-contract.md §2.1, §2.5).
 */
final class Qualifiers {
  private static final Pattern QUALIFIER = Pattern.compile("[a-zA-Z0-9$_-]+");

  /**
   * What a name and qualifier resolved to.
   *
   * @param qualifier as the caller gave it, or null for the unqualified function
   * @param deployed {@code $LATEST}, the version, or the version an alias points at
   * @param alias the alias named, or null
   */
  record Target(String name, String qualifier, Deployed deployed, AliasRecord alias) {
    /** The ARN as the caller addressed the function. */
    String arn(Account account) {
      return account.functionArn(name) + (qualifier == null ? "" : ":" + qualifier);
    }
  }

  private Qualifiers() {}

  /**
   * @param queryQualifier the {@code Qualifier} query parameter, or null
   * @param invokeStyle whether a missing function is named with {@code :$LATEST}, as Invoke does
   */
  static Target target(
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
    if (queryQualifier != null
        && (queryQualifier.length() > 128 || !QUALIFIER.matcher(queryQualifier).matches())) {
      throw LambdaException.validation(
          queryQualifier,
          "qualifier",
          queryQualifier.length() > 128
              ? "Member must have length less than or equal to 128"
              : "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
    }
    String derived = ref.qualifier();
    if (derived != null && queryQualifier != null && !derived.equals(queryQualifier)) {
      throw LambdaException.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    String q = derived != null ? derived : queryQualifier;
    String name = ref.name();
    String arn = account.functionArn(name);
    Deployed latest =
        registry
            .find(name)
            .orElseThrow(
                () -> {
                  String suffix = q != null ? ":" + q : invokeStyle ? ":$LATEST" : "";
                  return LambdaException.notFound("Function not found: " + arn + suffix);
                });
    if (q == null || q.equals("$LATEST")) {
      return new Target(name, q, latest, null);
    }
    Lineage lineage = registry.lineage(name);
    LambdaException missing = LambdaException.notFound("Function not found: " + arn + ":" + q);
    if (Lineage.number(q) != null) {
      return new Target(name, q, lineage.version(q).orElseThrow(() -> missing), null);
    }
    AliasRecord alias = lineage.alias(q).orElseThrow(() -> missing);
    Deployed primary = registry.version(name, alias.version()).orElseThrow(() -> missing);
    return new Target(name, q, primary, alias);
  }

  /** The function's name, after checking that what the caller named exists. */
  static String resolve(
      String raw,
      String queryQualifier,
      Account account,
      FunctionRegistry registry,
      boolean invokeStyle) {
    return target(raw, queryQualifier, account, registry, invokeStyle).name();
  }

  /**
   * The existing function a caller named for an operation on functions only (concurrency, tags,
   * code signing, aliases, ...): a version or alias is AWS's refusal.
   */
  static String unqualified(String raw, Account account, FunctionRegistry registry) {
    if (qualified(raw)) {
      throw functionsOnly();
    }
    return resolve(raw, null, account, registry, false);
  }

  /** AWS's refusal of a version or alias where only a function is accepted. */
  static LambdaException functionsOnly() {
    return LambdaException.invalidParameter(
        "This operation is permitted on Lambda functions only. Aliases and versions do not"
            + " support this operation. Please specify either a function name or an unqualified"
            + " function ARN.");
  }

  /** Whether the caller named a version or alias (refused by concurrency operations). */
  static boolean qualified(String raw) {
    return FunctionRef.parse(raw).qualifier() != null;
  }
}
