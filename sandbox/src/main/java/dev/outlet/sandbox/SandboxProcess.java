package dev.outlet.sandbox;

/**
 * What a sandbox runs on: its runtime process (and whatever that started) and its Runtime API
 * endpoint, each attached once by the factory and ended together ({@link #kill}). The process is
 * told once that init is over ({@link LaunchedProcess#initDone}), whichever comes second: the end
 * of init or the process's attachment (a quick runtime may finish its init first).
 *
 * <p>Thread-safe: attaching the process and the end of init meet under this object's monitor; the
 * endpoint is attached before the sandbox is shared.
 */
final class SandboxProcess {
  private volatile LaunchedProcess process;
  private boolean initOver; // guarded by this
  private RuntimeEndpoint endpoint;

  void attach(RuntimeEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Attaches the started process, and tells it init is over if that came first. */
  void attach(LaunchedProcess process) {
    boolean initEnded;
    synchronized (this) {
      this.process = process;
      initEnded = initOver; // the runtime was quicker than this call
    }
    if (initEnded) {
      process.initDone();
    }
  }

  /** Init is over: the process, now or once attached, leaves its init burst. */
  void initOver() {
    LaunchedProcess initEnded;
    synchronized (this) {
      initOver = true;
      initEnded = process;
    }
    if (initEnded != null) {
      initEnded.initDone();
    }
  }

  /** The sandbox's own network namespace, or null (shares Outlet's, or not started yet). */
  NetNamespace namespace() {
    LaunchedProcess p = process;
    return p == null ? null : p.namespace();
  }

  boolean hasEndpoint() {
    return endpoint != null;
  }

  /** Whether the kernel killed the runtime for memory; once it exited. */
  boolean oomKilled() {
    return process.oomKilled();
  }

  long peakMemoryBytes() {
    LaunchedProcess p = process;
    return p == null ? 0 : p.peakMemoryBytes();
  }

  /** Max Memory Used is per invocation where the kernel allows. */
  void resetPeak() {
    LaunchedProcess p = process;
    if (p != null) {
      p.resetPeak();
    }
  }

  /** Kills the process tree and closes the endpoint. */
  void kill() {
    LaunchedProcess p = process;
    if (p != null) {
      p.kill();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
