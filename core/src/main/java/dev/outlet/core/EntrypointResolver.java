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

  /**
   * As {@link #resolve(Path, String, String, Architecture)}, also looking at the function's merged
   * layers ({@code opt}, or null) for a custom runtime's {@code bootstrap}; a package with no
   * executable at all is accepted as {@link Entrypoint.Kind#MISSING} (AWS accepts it: layers may
   * come later), while a wrong architecture, a missing exec bit or CRLF line endings are refused.
   */
  default Entrypoint resolve(
      Path root, Path opt, String runtime, String handler, Architecture architecture) {
    return resolve(root, runtime, handler, architecture);
  }
}
