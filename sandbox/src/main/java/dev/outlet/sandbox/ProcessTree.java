package dev.outlet.sandbox;

/** Kills a process and all its descendants, children first discovered before the parent dies. */
public final class ProcessTree {
  private ProcessTree() {}

  public static void kill(ProcessHandle root) {
    // Snapshot descendants before killing the root: once it dies they are re-parented and lost.
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
    root.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
