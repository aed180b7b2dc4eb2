package dev.outlet.iam.policy;

import java.util.Objects;

/**
 * The outcome of {@link PolicyEvaluator#evaluate}: allowed by a statement, denied by a statement,
 * or denied because nothing allowed. Each names the side of the request that decided, which is what
 * AWS's denial message tells the caller ({@link DenialMessage}).
 */
public sealed interface Decision {
  /** Whether the request may go ahead. */
  default boolean allowed() {
    return this instanceof Allowed;
  }

  /**
   * Allowed by this statement (the first allowing one, identity side first).
   *
   * @param statement the allowing statement
   * @param source the kind of policy it belongs to
   */
  record Allowed(Statement statement, PolicyKind source) implements Decision {
    public Allowed {
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Denied by this {@code Deny} statement, whatever allowed it elsewhere.
   *
   * @param statement the first matching deny
   * @param source the kind of policy it belongs to
   */
  record ExplicitDeny(Statement statement, PolicyKind source) implements Decision {
    public ExplicitDeny {
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Denied because no statement allowed it.
   *
   * @param missing the kind of policy whose allow was missing
   */
  record ImplicitDeny(PolicyKind missing) implements Decision {
    public ImplicitDeny {
      Objects.requireNonNull(missing, "missing");
    }
  }
}
