package dev.outlet.iam.policy;

/**
 * Which side of a request a policy sits on. Identity-based policies are attached to the caller and
 * must not name a principal; resource-based policies are attached to the resource (a function's
 * policy) and must name who they let in. The grammar differs slightly (see {@link PolicyParser})
 * and so do the words of a denial ({@link DenialMessage}).
 */
public enum PolicyKind {
  IDENTITY("identity-based"),
  RESOURCE("resource-based");

  private final String words;

  PolicyKind(String words) {
    this.words = words;
  }

  /** How AWS names the kind in a denial: {@code identity-based} or {@code resource-based}. */
  public String words() {
    return words;
  }
}
