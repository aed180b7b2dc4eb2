package dev.outlet.events;

import dev.outlet.edge.AwsException;

/** An EventBridge error as AWS names it (400 unless said otherwise). */
public final class EventsException extends AwsException {
  private static final long serialVersionUID = 1L;

  EventsException(String code, int status, String message) {
    super(code, status, message);
  }

  static EventsException validation(String message) {
    return new EventsException("ValidationException", 400, message);
  }

  static EventsException notFound(String rule) {
    return notFound(rule, Rule.DEFAULT_BUS);
  }

  static EventsException notFound(String rule, String bus) {
    return new EventsException(
        "ResourceNotFoundException",
        400,
        "Rule " + rule + " does not exist on EventBus " + bus + ".");
  }

  static EventsException noBus(String bus) {
    return new EventsException(
        "ResourceNotFoundException", 400, "Event bus " + bus + " does not exist.");
  }

  static EventsException unknownOperation(String name) {
    return new EventsException(
        "UnknownOperationException", 400, "The operation " + name + " is not supported by Outlet.");
  }

  /** A platform fault, with a fixed message: the details go to Outlet's log only. */
  static EventsException internal() {
    return new EventsException("InternalException", 500, "An internal error occurred.");
  }

  static EventsException serialization(String message) {
    return new EventsException("SerializationException", 400, message);
  }
}
