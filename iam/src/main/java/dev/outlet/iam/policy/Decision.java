package dev.outlet.iam.policy;

/** The outcome of evaluating a request: allowed, denied by a statement, or denied by default. */
public sealed interface Decision {

  /** An Allow statement covers the request and no Deny does. */
  record Allowed(Statement by) implements Decision {}

  /** A Deny statement covers the request (it wins over any Allow). */
  record ExplicitDeny(Statement by) implements Decision {}

  /** No statement allows the request. */
  record ImplicitDeny() implements Decision {}

  default boolean allowed() {
    return this instanceof Allowed;
  }
}
