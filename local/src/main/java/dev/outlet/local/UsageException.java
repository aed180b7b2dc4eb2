package dev.outlet.local;

/** Bad usage or input the user must fix: printed as it is, exit status 2. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
