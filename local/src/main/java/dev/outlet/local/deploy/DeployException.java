package dev.outlet.local.deploy;

/** A deploy that could not finish: the message says what failed and what was already done. */
public final class DeployException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeployException(String message) {
    super(message);
  }
}
