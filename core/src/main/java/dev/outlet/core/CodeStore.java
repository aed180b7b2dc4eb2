package dev.outlet.core;

import java.nio.file.Path;
import java.util.Set;

/**
 * Content-addressed storage of deployment packages and their extracted trees. Thread-safe and
 * blocking: call it off event loops.
 */
public interface CodeStore {

  /**
   * Validates and stores a zip: checks it is a readable zip within the size caps, extracts it
   * safely (no path escapes, no links out of the package, the unzipped cap enforced while
   * extracting) and keeps both the zip and the tree under its SHA-256. Storing the same bytes twice
   * is cheap and returns the same reference. On any failure nothing is left behind.
   *
   * @throws LambdaException InvalidParameterValueException or RequestEntityTooLargeException with
   *     AWS's messages
   */
  CodeRef store(byte[] zip);

  /** The read-only extracted tree of a stored package. */
  Path root(CodeRef code);

  /** The stored zip file of a package. */
  Path zip(CodeRef code);

  /** Removes packages whose hex digest is not in {@code live}; returns how many were removed. */
  int retainOnly(Set<String> live);
}
