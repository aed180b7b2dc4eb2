package dev.outlet.sandbox;

/** Kills a process and all its descendants, children first discovered before the parent dies. */
public final class ProcessTree {
  private ProcessTree() {}

  /** {@link #kill(ProcessHandle)} of a started process, if it has not been reaped already. */
  public static void kill(Process process) {
    ProcessHandle root;
    try {
      root = process.toHandle();
    } catch (IllegalStateException e) {
      return; // reaped: what it started has been re-parented, out of reach by this way
    }
    kill(root);
  }

  public static void kill(ProcessHandle root) {
    // Snapshot descendants before killing the root: once it dies they are re-parented and lost.
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
    root.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
