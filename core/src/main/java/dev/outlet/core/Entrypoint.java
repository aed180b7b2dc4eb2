package dev.outlet.core;

/**
 * The executable a sandbox starts, as found in the package when it was deployed.
 *
 * @param path the path relative to the code root ({@code bootstrap} or the handler's file name), or
 *     the handler of a managed runtime
 * @param kind how it was found
 * @param script whether it starts with {@code #!} (architecture-neutral)
 * @param elfArchitecture the ELF machine of a binary, or null for scripts and unknown formats
 */
public record Entrypoint(String path, Kind kind, boolean script, Architecture elfArchitecture) {

  /** How the executable was chosen. */
  public enum Kind {
    /** {@code bootstrap} at the package root: the provided.* contract. */
    BOOTSTRAP,
    /** An executable named after the handler at the root: the retired go1.x model. */
    HANDLER_EXECUTABLE,
    /**
     * A managed runtime (Python, Node.js, Java): the runtime's own loop starts the handler; {@code
     * path} is the handler string.
     */
    MANAGED
  }

  /** The entrypoint of a managed runtime's package, which its runtime loop resolves. */
  public static Entrypoint managed(String handler) {
    return new Entrypoint(handler, Kind.MANAGED, false, null);
  }
}
