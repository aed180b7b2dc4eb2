package dev.outlet.core;

import java.nio.file.Path;

/**
 * Decides, at deploy time, which executable of an extracted package a sandbox will start, or
 * refuses the package with a message that names the file and the fix.
 */
@FunctionalInterface
public interface EntrypointResolver {

  /**
   * @throws LambdaException InvalidParameterValueException explaining what is wrong
   */
  Entrypoint resolve(Path root, String runtime, String handler, Architecture architecture);
}
