package dev.outlet.telemetry;

/**
 * The log store could not open, read or change its database. Its message is for operators, not for
 * API clients: map it to {@code ServiceUnavailableException} without the text.
 */
public final class LogStoreException extends RuntimeException {

  public LogStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
