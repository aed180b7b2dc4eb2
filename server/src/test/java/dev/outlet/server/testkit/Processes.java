package dev.outlet.server.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds live host processes: by PID, by a marker in their command line, or by the sandbox they
 * belong to. Works whether or not Outlet isolates sandboxes in namespaces (where a runtime's own
 * {@code $$} means nothing on the host).
 */
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

  /**
   * The live processes of one sandbox: those whose environment holds its log stream name (unique
   * per sandbox; children inherit it).
   */
  public static List<Long> ofSandbox(String logStream) {
    byte[] wanted =
        ("AWS_LAMBDA_LOG_STREAM_NAME=" + logStream + "\0").getBytes(StandardCharsets.UTF_8);
    return ProcessHandle.allProcesses()
        .map(ProcessHandle::pid)
        .filter(pid -> environmentContains(pid, wanted))
        .filter(pid -> !zombie(pid))
        .toList();
  }

  private static boolean environmentContains(long pid, byte[] wanted) {
    try {
      byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      outer:
      for (int i = 0; i + wanted.length <= env.length; i++) {
        if (i > 0 && env[i - 1] != 0) {
          continue;
        }
        for (int j = 0; j < wanted.length; j++) {
          if (env[i + j] != wanted[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not ours to read
    }
  }

  /** A killed child not yet reaped by its parent is a zombie: dead, but still listed. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
