package dev.outlet.metrics;

/** The metrics database could not be opened, read or written, or the store is closed. */
public final class MetricsStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetricsStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
