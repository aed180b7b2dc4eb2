package dev.outlet.server.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Looks at live processes: by PID, or by a marker somewhere in their command line. */
public final class Processes {
  private Processes() {}

  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid);
  }

  /** Processes (other than zombies) whose command line contains {@code marker}. */
  public static List<ProcessHandle> withMarker(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .filter(p -> !zombie(p.pid()))
        .toList();
  }

  /** A killed child not yet reaped by its parent is a zombie: dead, but still listed. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
    } catch (Exception e) {
      return false;
    }
  }
}
