package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small file helpers for cgroup filesystems (also used against a fake tree in tests). */
final class CgroupFiles {
  private CgroupFiles() {}

  static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  /** Best effort: false if the group is gone or the kernel refused the value. */
  static boolean tryWrite(Path file, String value) {
    try {
      write(file, value);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static long readLong(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** The value of {@code key} in a flat keyed file ({@code oom_kill 1}). */
  static long keyed(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String[] kv = line.trim().split("\\s+");
        if (kv.length == 2 && kv[0].equals(key)) {
          return Long.parseLong(kv[1]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  static List<Long> pids(Path procs) {
    List<Long> pids = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone
    }
    return pids;
  }

  static void killAll(Path procs) {
    for (long pid : pids(procs)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * Removes the groups under {@code base} with no process, created before {@code cutoff}; a group
   * with processes stays (rmdir refuses it).
   */
  static int sweep(Path base, java.time.Instant cutoff) {
    int removed = 0;
    try (var dirs = Files.newDirectoryStream(base, Files::isDirectory)) {
      for (Path dir : dirs) {
        try {
          if (Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)
              && pids(dir.resolve("cgroup.procs")).isEmpty()) {
            Files.delete(dir);
            removed++;
          }
        } catch (IOException e) {
          // busy or gone: leave it
        }
      }
    } catch (IOException e) {
      // no base: nothing to sweep
    }
    return removed;
  }

  /** Removes a group folder once its processes are gone (rmdir fails while any remains). */
  static void remove(Path dir, Path procs) {
    for (int i = 0; i < 50 && Files.exists(dir); i++) {
      killAll(procs);
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(10); // processes take a moment to leave after SIGKILL
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
