package dev.outlet.core;

/**
 * The error types Lambda itself gives a failed invocation (the invoke response's {@code errorType},
 * REPORT's {@code Error Type}). Runtimes report their own types besides these ({@code
 * Runtime.ImportModuleError}, ...), which travel as the strings they sent. Wire names: never invent
 * new ones.
 */
public enum FunctionErrorType {
  SANDBOX_TIMEDOUT("Sandbox.Timedout"),
  SANDBOX_FAILURE("Sandbox.Failure"),
  RUNTIME_EXIT_ERROR("Runtime.ExitError"),
  RUNTIME_OUT_OF_MEMORY("Runtime.OutOfMemory"),
  RUNTIME_INVALID_ENTRYPOINT("Runtime.InvalidEntrypoint"),
  RUNTIME_UNKNOWN("Runtime.Unknown"),
  FUNCTION_UNKNOWN("Function.Unknown"),
  FUNCTION_RESPONSE_SIZE_TOO_LARGE("Function.ResponseSizeTooLarge");

  private final String wireName;

  FunctionErrorType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
