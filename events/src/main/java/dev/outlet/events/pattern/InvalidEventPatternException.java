package dev.outlet.events.pattern;

/**
 * An event pattern (an EventBridge rule's {@code EventPattern}, a Lambda event source mapping's
 * filter {@code Pattern}) that cannot be used; its message reads like AWS's {@code
 * InvalidEventPatternException}: {@code "Event pattern is not valid. Reason: ..."}.
 */
public final class InvalidEventPatternException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A pattern refused for {@code reason}, a sentence naming what is wrong. */
  public InvalidEventPatternException(String reason) {
    super("Event pattern is not valid. Reason: " + reason);
  }
}
