package dev.outlet.sandbox;

import dev.outlet.core.FunctionErrorType;

/** A sandbox could not be started; carries the Lambda error type and message the caller sees. */
public final class SandboxLaunchException extends Exception {
  private static final long serialVersionUID = 1L;
  private final FunctionErrorType errorType;

  public SandboxLaunchException(FunctionErrorType errorType, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
  }

  public FunctionErrorType errorType() {
    return errorType;
  }
}
