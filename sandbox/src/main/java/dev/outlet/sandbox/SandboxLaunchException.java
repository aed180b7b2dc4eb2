package dev.outlet.sandbox;

/** A sandbox could not be started; carries the Lambda error type and message the caller sees. */
public final class SandboxLaunchException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String errorType;

  public SandboxLaunchException(String errorType, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
  }

  public String errorType() {
    return errorType;
  }
}
