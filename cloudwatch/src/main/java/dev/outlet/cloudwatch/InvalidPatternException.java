package dev.outlet.cloudwatch;

/**
 * A filter pattern that is malformed or uses syntax Outlet does not support. The message says what
 * is wrong, for Outlet's log; clients get CloudWatch's fixed "Invalid filter pattern".
 */
public final class InvalidPatternException extends IllegalArgumentException {

  public InvalidPatternException(String message) {
    super(message);
  }
}
