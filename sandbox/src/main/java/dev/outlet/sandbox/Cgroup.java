package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One sandbox's control group (v1: one folder per controller hierarchy; v2: one folder).
 * Thread-safe; every method is best effort once the sandbox is gone.
 */
public interface Cgroup {

  /**
   * Sets the function's limits: memory (no swap) and the CPU of the init phase, then its share
   * proportional to memory at {@link #endInit}.
   */
  void limit(int memoryMb) throws IOException;

  /** The files a process writes its pid into to join (cgroup.procs of each hierarchy). */
  List<Path> joinFiles();

  /** Peak memory since creation or the last {@link #resetPeak}, in bytes; 0 if unknown. */
  long peakBytes();

  /** Starts a new peak measurement where the kernel allows; returns whether it could. */
  boolean resetPeak();

  /** The init phase is over: the CPU limit drops from the init burst to the function's share. */
  void endInit();

  /** Whether the kernel's OOM killer killed a process of this group. */
  boolean oomKilled();

  /** Kills every process in the group and removes it. */
  void destroy();
}
