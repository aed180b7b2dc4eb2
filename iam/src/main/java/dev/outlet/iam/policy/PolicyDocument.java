package dev.outlet.iam.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed policy: {@code Version}, {@code Id} and its statements (a document may hold one
 * statement object or an array; both become a list). Immutable and safe to share: parse once,
 * evaluate many times.
 *
 * @param version {@code 2012-10-17} or {@code 2008-10-17} (the default when absent)
 * @param id the {@code Id}, when written
 * @param statements the statements in document order, never empty
 */
public record PolicyDocument(String version, Optional<String> id, List<Statement> statements) {
  /** The current policy language version, the only one where policy variables are replaced. */
  public static final String VERSION_2012 = "2012-10-17";

  /** The original version, assumed when a document has no {@code Version}. */
  public static final String VERSION_2008 = "2008-10-17";

  public PolicyDocument {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(id, "id");
    statements = List.copyOf(statements);
  }

  /**
   * Parses a document as IAM would accept it for the given side of a request.
   *
   * @throws PolicyException {@code MalformedPolicyDocument} or {@code LimitExceeded} with IAM's
   *     message; nothing else, whatever the text
   */
  public static PolicyDocument parse(String json, PolicyKind kind) {
    return PolicyParser.parse(json, kind);
  }

  /**
   * Whether {@code ${...}} in resources and condition values are policy variables: AWS replaces
   * them only under version {@code 2012-10-17} and reads them literally under {@code 2008-10-17}.
   */
  public boolean replacesVariables() {
    return VERSION_2012.equals(version);
  }
}
