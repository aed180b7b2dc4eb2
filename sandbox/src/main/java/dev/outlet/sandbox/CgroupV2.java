package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * cgroup v2: one {@code outlet} group with the memory, pids and cpu controllers delegated, and one
 * child per sandbox. Max Memory Used is {@code memory.peak} (kernel 5.19+), which spans the
 * sandbox's life: the kernel offers no global reset.
 */
final class CgroupV2 implements CgroupDriver {
  private final Path base;

  private CgroupV2(Path base) {
    this.base = base;
  }

  static CgroupV2 open(Path root) throws IOException {
    Path base = Files.createDirectories(root.resolve("outlet"));
    enable(root.resolve("cgroup.subtree_control"));
    enable(base.resolve("cgroup.subtree_control"));
    return new CgroupV2(base);
  }

  private static void enable(Path subtreeControl) {
    for (String c : new String[] {"+memory", "+pids", "+cpu"}) {
      try {
        CgroupFiles.write(subtreeControl, c);
      } catch (IOException e) {
        // a controller the host does not offer: the limits it would set are reported missing
      }
    }
  }

  @Override
  public String describe() {
    return "cgroup v2 (memory, pids, cpu)";
  }

  @Override
  public int sweep(java.time.Duration minAge) {
    return CgroupFiles.sweep(base, java.time.Instant.now().minus(minAge));
  }

  @Override
  public Cgroup create(String id) throws IOException {
    Path dir = Files.createDirectories(base.resolve(id));
    CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(PIDS_MAX));
    return new Group(dir);
  }

  private static final class Group implements Cgroup {
    private final Path dir;
    private volatile String share;

    Group(Path dir) {
      this.dir = dir;
    }

    @Override
    public void limit(int memoryMb) throws IOException {
      CgroupFiles.write(dir.resolve("memory.max"), Long.toString(memoryMb * 1024L * 1024L));
      Path swap = dir.resolve("memory.swap.max");
      if (Files.exists(swap)) {
        CgroupFiles.write(swap, "0");
      }
      Path cpu = dir.resolve("cpu.max");
      if (Files.exists(cpu)) {
        CgroupFiles.write(cpu, CpuShare.initQuotaMicros(memoryMb) + " " + CpuShare.PERIOD_MICROS);
      }
      share = CpuShare.quotaMicros(memoryMb) + " " + CpuShare.PERIOD_MICROS;
    }

    @Override
    public void endInit() {
      Path cpu = dir.resolve("cpu.max");
      if (share != null && Files.exists(cpu)) {
        CgroupFiles.tryWrite(cpu, share);
      }
    }

    @Override
    public List<Path> joinFiles() {
      return List.of(dir.resolve("cgroup.procs"));
    }

    @Override
    public long peakBytes() {
      Path peak = dir.resolve("memory.peak");
      return CgroupFiles.readLong(Files.exists(peak) ? peak : dir.resolve("memory.current"));
    }

    @Override
    public boolean resetPeak() {
      return false;
    }

    @Override
    public boolean oomKilled() {
      return CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill") > 0;
    }

    @Override
    public void destroy() {
      Path kill = dir.resolve("cgroup.kill");
      if (Files.exists(kill)) {
        try {
          CgroupFiles.write(kill, "1");
        } catch (IOException e) {
          // fall back to killing one by one
        }
      }
      CgroupFiles.remove(dir, dir.resolve("cgroup.procs"));
    }
  }
}
