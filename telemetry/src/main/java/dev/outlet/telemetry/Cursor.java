package dev.outlet.telemetry;

/**
 * A position in the event order of the store: events are ordered by {@code (timestamp, id)}, and a
 * cursor names the last event a reader has seen. Immutable.
 *
 * <p>A cursor stays valid when events are added or expire: reading "after" it returns exactly the
 * events ordered strictly after that position, whatever happened to the event it was taken from.
 */
public record Cursor(long timestamp, long id) implements Comparable<Cursor> {

  /** Positions before every event: reading forward after it starts at the head. */
  public static final Cursor HEAD = new Cursor(Long.MIN_VALUE, Long.MIN_VALUE);

  /** Positions after every event: reading backward before it starts at the tail. */
  public static final Cursor TAIL = new Cursor(Long.MAX_VALUE, Long.MAX_VALUE);

  /** An opaque, URL-safe form for API tokens; {@link #parse} reads it back. */
  public String token() {
    return timestamp + "_" + id;
  }

  /**
   * Reads a {@link #token()}.
   *
   * @throws IllegalArgumentException if {@code token} is not one
   */
  public static Cursor parse(String token) {
    int sep = token.indexOf('_');
    if (sep <= 0) {
      throw new IllegalArgumentException("not a cursor token: " + token);
    }
    try {
      return new Cursor(
          Long.parseLong(token.substring(0, sep)), Long.parseLong(token.substring(sep + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a cursor token: " + token, e);
    }
  }

  @Override
  public int compareTo(Cursor other) {
    int byTime = Long.compare(timestamp, other.timestamp);
    return byTime != 0 ? byTime : Long.compare(id, other.id);
  }
}
