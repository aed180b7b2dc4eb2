package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Creates sandbox cgroups on the host's cgroup version. */
public interface CgroupDriver {

  /**
   * Creates the group {@code id} with the limits that do not depend on the function (1,024
   * processes); {@link Cgroup#limit} sets the rest before any of the function's code runs.
   */
  Cgroup create(String id) throws IOException;

  /**
   * Creates the group of sandbox {@code id} with Lambda's limits: memory (no swap), 1,024
   * processes, CPU proportional to memory.
   */
  default Cgroup create(String id, int memoryMb) throws IOException {
    Cgroup group = create(id);
    try {
      group.limit(memoryMb);
    } catch (IOException e) {
      group.destroy();
      throw e;
    }
    return group;
  }

  /**
   * Removes sandbox groups left behind by an Outlet that was killed ({@code kill -9}) before it
   * could remove them: those with no process that were created more than {@code minAge} ago (a
   * younger empty group may belong to another Outlet that is about to start a runtime in it).
   *
   * @return how many were removed
   */
  int sweep(Duration minAge);

  /** E.g. "cgroup v1 (memory, pids, cpu)". */
  String describe();

  int PIDS_MAX = 1024;

  /**
   * The driver for the cgroup filesystem at {@code root} ({@code /sys/fs/cgroup}), if Outlet can
   * create groups there.
   */
  static Optional<CgroupDriver> detect(Path root) {
    try {
      if (Files.exists(root.resolve("cgroup.controllers"))) {
        return Optional.of(CgroupV2.open(root));
      }
      if (Files.exists(root.resolve("memory").resolve("memory.limit_in_bytes"))) {
        return Optional.of(CgroupV1.open(root));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
