package dev.outlet.core;

/**
 * A published version: an immutable snapshot of a function's code and configuration, numbered from
 * 1 per function and never renumbered.
 *
 * @param number the version number
 * @param snapshot {@code $LATEST} as it was published (its Description the version's, its revision
 *     id and last-modified time the version's own)
 * @param publishedFrom the revision id of {@code $LATEST} it was published from: a publish from an
 *     unchanged {@code $LATEST} answers this version instead of making a new one, as AWS does
 */
public record FunctionVersion(int number, FunctionRecord snapshot, String publishedFrom) {
  public String function() {
    return snapshot.name();
  }
}
