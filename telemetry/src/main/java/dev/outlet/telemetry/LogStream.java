package dev.outlet.telemetry;

/**
 * A log stream and its statistics. Immutable snapshot.
 *
 * <p>The statistics cover every event ever stored in the stream: retention deletes events but does
 * not rewind them (CloudWatch's are eventually consistent too).
 *
 * @param group the log group
 * @param name the stream name
 * @param creationTime when the first event of the stream was stored, epoch milliseconds
 * @param firstEventTimestamp the smallest event timestamp stored
 * @param lastEventTimestamp the largest event timestamp stored
 * @param lastIngestionTime when an event was last stored
 * @param storedBytes the UTF-8 size of all messages stored
 */
public record LogStream(
    String group,
    String name,
    long creationTime,
    long firstEventTimestamp,
    long lastEventTimestamp,
    long lastIngestionTime,
    long storedBytes) {

  /**
   * False for a stream created empty (by {@link LogStore#createStream}) that has had no event yet:
   * its event timestamps and ingestion time are then meaningless.
   */
  public boolean hasEvents() {
    return firstEventTimestamp <= lastEventTimestamp;
  }
}
