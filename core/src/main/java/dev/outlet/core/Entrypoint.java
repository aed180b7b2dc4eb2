package dev.outlet.core;

/**
 * The executable a sandbox starts, as found in the package (and its layers) when it was deployed.
 *
 * @param path the path relative to the code root ({@code bootstrap} or the handler's file name), or
 *     relative to /opt for a layer's bootstrap, or the handler of a managed runtime
 * @param kind how it was found
 * @param script whether it starts with {@code #!} (architecture-neutral)
 * @param elfArchitecture the ELF machine of a binary, or null for scripts and unknown formats
 * @param missing for {@link Kind#MISSING}, what was looked for and how to fix it; else null
 */
public record Entrypoint(
    String path, Kind kind, boolean script, Architecture elfArchitecture, String missing) {

  public Entrypoint(String path, Kind kind, boolean script, Architecture elfArchitecture) {
    this(path, kind, script, elfArchitecture, null);
  }

  /**
   * The record's usual form, written out: a sandbox's key holds it, and the generated one costs its
   * linking at startup.
   */
  @Override
  public String toString() {
    return "Entrypoint[path="
        + path
        + ", kind="
        + kind
        + ", script="
        + script
        + ", elfArchitecture="
        + elfArchitecture
        + ", missing="
        + missing
        + "]";
  }

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
    MANAGED,
    /** {@code bootstrap} at the root of the function's layers, run as {@code /opt/bootstrap}. */
    LAYER_BOOTSTRAP,
    /**
     * Nothing to start: the package and its layers have no bootstrap. Accepted, as AWS accepts it
     * (layers may come in a later call); its invocations fail with Runtime.InvalidEntrypoint.
     */
    MISSING
  }

  /** No bootstrap anywhere; {@code why} names what was looked for and the fix. */
  public static Entrypoint missing(String why) {
    return new Entrypoint(null, Kind.MISSING, false, null, why);
  }

  /** The entrypoint of a managed runtime's package, which its runtime loop resolves. */
  public static Entrypoint managed(String handler) {
    return new Entrypoint(handler, Kind.MANAGED, false, null);
  }
}
