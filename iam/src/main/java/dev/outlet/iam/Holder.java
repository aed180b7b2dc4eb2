package dev.outlet.iam;

/** What an inline or attached policy belongs to: a user or a role. */
public enum Holder {
  USER("user"),
  ROLE("role");

  private final String word;

  Holder(String word) {
    this.word = word;
  }

  /** {@code user} or {@code role}, as IAM's messages and Outlet's tables name them. */
  public String word() {
    return word;
  }
}
