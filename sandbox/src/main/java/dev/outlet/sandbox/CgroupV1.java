package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v1: separate hierarchies for memory, pids and cpu, each with an {@code outlet} folder
 * holding one group per sandbox. Max Memory Used is {@code memory.max_usage_in_bytes}, reset before
 * each invocation by writing 0 to it.
 */
final class CgroupV1 implements CgroupDriver {
  private final Path memory;
  private final Path pids;
  private final Path cpu;

  private CgroupV1(Path memory, Path pids, Path cpu) {
    this.memory = memory;
    this.pids = pids;
    this.cpu = cpu;
  }

  static CgroupV1 open(Path root) throws IOException {
    Path memory = Files.createDirectories(root.resolve("memory").resolve("outlet"));
    Path pids = base(root, "pids");
    Path cpu = base(root, "cpu");
    if (cpu == null) {
      cpu = base(root, "cpu,cpuacct");
    }
    return new CgroupV1(memory, pids, cpu);
  }

  private static Path base(Path root, String controller) throws IOException {
    Path hierarchy = root.resolve(controller);
    return Files.isDirectory(hierarchy)
        ? Files.createDirectories(hierarchy.resolve("outlet"))
        : null;
  }

  @Override
  public int sweep(java.time.Duration minAge) {
    java.time.Instant cutoff = java.time.Instant.now().minus(minAge);
    int removed = CgroupFiles.sweep(memory, cutoff);
    if (pids != null) {
      CgroupFiles.sweep(pids, cutoff);
    }
    if (cpu != null) {
      CgroupFiles.sweep(cpu, cutoff);
    }
    return removed;
  }

  @Override
  public String describe() {
    List<String> c = new ArrayList<>(List.of("memory"));
    if (pids != null) {
      c.add("pids");
    }
    if (cpu != null) {
      c.add("cpu");
    }
    return "cgroup v1 (" + String.join(", ", c) + ")";
  }

  @Override
  public Cgroup create(String id) throws IOException {
    List<Path> dirs = new ArrayList<>();
    Path m = Files.createDirectories(memory.resolve(id));
    dirs.add(m);
    if (pids != null) {
      Path p = Files.createDirectories(pids.resolve(id));
      dirs.add(p);
      CgroupFiles.write(p.resolve("pids.max"), Integer.toString(PIDS_MAX));
    }
    Path quota = null;
    if (cpu != null) {
      Path c = Files.createDirectories(cpu.resolve(id));
      dirs.add(c);
      CgroupFiles.write(c.resolve("cpu.cfs_period_us"), Integer.toString(CpuShare.PERIOD_MICROS));
      quota = c.resolve("cpu.cfs_quota_us");
    }
    return new Group(m, dirs, quota);
  }

  private static final class Group implements Cgroup {
    private final Path memory;
    private final List<Path> dirs;
    private final ControlFile peak;
    private final Path quota;
    private volatile String share;

    Group(Path memory, List<Path> dirs, Path quota) {
      this.memory = memory;
      this.dirs = List.copyOf(dirs);
      this.quota = quota;
      this.peak = new ControlFile(memory.resolve("memory.max_usage_in_bytes"));
    }

    @Override
    public void limit(int memoryMb) throws IOException {
      String bytes = Long.toString(memoryMb * 1024L * 1024L);
      CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), bytes);
      Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
      if (Files.exists(memsw)) {
        CgroupFiles.write(memsw, bytes); // no swap: memory is memory
      }
      if (quota != null) {
        CgroupFiles.write(quota, Long.toString(CpuShare.initQuotaMicros(memoryMb)));
      }
      share = Long.toString(CpuShare.quotaMicros(memoryMb));
    }

    @Override
    public List<Path> joinFiles() {
      return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    @Override
    public long peakBytes() {
      return peak.readLong();
    }

    @Override
    public boolean resetPeak() {
      return peak.write("0");
    }

    @Override
    public void endInit() {
      if (quota != null && share != null) {
        CgroupFiles.tryWrite(quota, share);
      }
    }

    @Override
    public boolean oomKilled() {
      return CgroupFiles.keyed(memory.resolve("memory.oom_control"), "oom_kill") > 0;
    }

    @Override
    public void destroy() {
      peak.close();
      for (Path d : dirs) {
        CgroupFiles.remove(d, d.resolve("cgroup.procs"));
      }
    }
  }
}
