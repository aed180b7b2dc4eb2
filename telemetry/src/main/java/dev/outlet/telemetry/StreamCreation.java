package dev.outlet.telemetry;

/** What {@link LogStore#createStream} did. */
public enum StreamCreation {
  /** The stream was created, empty. */
  CREATED,
  /** A stream of that name already exists in the group; nothing changed. */
  EXISTS,
  /** The group does not exist; nothing changed. */
  NO_GROUP
}
