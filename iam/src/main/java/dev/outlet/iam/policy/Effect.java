package dev.outlet.iam.policy;

/** A statement's {@code Effect}: the two values IAM accepts, spelled and cased as it requires. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String awsName;

  Effect(String awsName) {
    this.awsName = awsName;
  }

  /** The value as written in a document: {@code Allow} or {@code Deny}. */
  public String awsName() {
    return awsName;
  }
}
