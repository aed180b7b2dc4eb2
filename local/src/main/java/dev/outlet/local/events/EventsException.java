package dev.outlet.local.events;

/** An EventBridge error as AWS names it (400 unless said otherwise). */
public final class EventsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  EventsException(String code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  static EventsException validation(String message) {
    return new EventsException("ValidationException", 400, message);
  }

  static EventsException notFound(String rule) {
    return new EventsException(
        "ResourceNotFoundException", 400, "Rule " + rule + " does not exist on EventBus default.");
  }

  static EventsException unknownOperation(String name) {
    return new EventsException(
        "UnknownOperationException", 400, "The operation " + name + " is not supported by Outlet.");
  }

  static EventsException serialization(String message) {
    return new EventsException("SerializationException", 400, message);
  }
}
