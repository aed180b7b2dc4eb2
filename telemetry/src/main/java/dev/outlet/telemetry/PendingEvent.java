package dev.outlet.telemetry;

/** An appended event not yet stored: the only allocation of {@link LogStore#append}. */
record PendingEvent(String group, String stream, long timestamp, String message)
    implements LogItem {

  /**
   * What the event weighs in the queue's byte budget: roughly its heap footprint (two bytes per
   * char at worst plus the record and string headers), computed without scanning the message.
   */
  long cost() {
    return 64 + 2L * message.length();
  }

  StreamKey key() {
    return new StreamKey(group, stream);
  }
}
