package dev.outlet.storage;

/**
 * A platform fault in local storage (disk full, database corrupt or locked, I/O error): never the
 * caller's fault, so the API answers it as a {@code ServiceException} (500) without echoing this
 * message. Caller errors are {@link dev.outlet.core.LambdaException}s instead.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
