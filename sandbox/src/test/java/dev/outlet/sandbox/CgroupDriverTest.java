package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both cgroup code paths against a fake cgroup filesystem in a temporary folder. */
class CgroupDriverTest {
  @TempDir Path root;

  private void file(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void detectsCgroupV2ByItsControllersFile() throws IOException {
    file(root.resolve("cgroup.controllers"), "cpu memory pids");
    file(root.resolve("cgroup.subtree_control"), "");
    assertThat(CgroupDriver.detect(root)).get().isInstanceOf(CgroupV2.class);
  }

  @Test
  void detectsCgroupV1ByItsMemoryHierarchy() throws IOException {
    file(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712");
    assertThat(CgroupDriver.detect(root)).get().isInstanceOf(CgroupV1.class);
  }

  @Test
  void findsNothingOnAHostWithoutCgroups() {
    assertThat(CgroupDriver.detect(root)).isEmpty();
  }

  @Test
  void v1WritesMemoryPidsAndCpuLimitsAndJoinsEveryHierarchy() throws IOException {
    file(root.resolve("memory/memory.limit_in_bytes"), "0");
    Files.createDirectories(root.resolve("pids"));
    Files.createDirectories(root.resolve("cpu"));
    CgroupDriver driver = CgroupDriver.detect(root).orElseThrow();
    // the kernel creates control files in a new group; the fake has to
    Path m = root.resolve("memory/outlet/sb1");
    file(m.resolve("memory.memsw.limit_in_bytes"), "");
    Cgroup g = driver.create("sb1", 256);
    assertThat(Files.readString(m.resolve("memory.limit_in_bytes"))).isEqualTo("268435456");
    assertThat(Files.readString(m.resolve("memory.memsw.limit_in_bytes"))).isEqualTo("268435456");
    assertThat(Files.readString(root.resolve("pids/outlet/sb1/pids.max"))).isEqualTo("1024");
    assertThat(Files.readString(root.resolve("cpu/outlet/sb1/cpu.cfs_period_us")))
        .isEqualTo("100000");
    assertThat(Files.readString(root.resolve("cpu/outlet/sb1/cpu.cfs_quota_us")))
        .isEqualTo("200000"); // the init burst: two vCPUs until the first /next
    g.endInit();
    assertThat(Files.readString(root.resolve("cpu/outlet/sb1/cpu.cfs_quota_us")))
        .isEqualTo(Long.toString(CpuShare.quotaMicros(256)));
    assertThat(g.joinFiles())
        .containsExactly(
            m.resolve("cgroup.procs"),
            root.resolve("pids/outlet/sb1/cgroup.procs"),
            root.resolve("cpu/outlet/sb1/cgroup.procs"));
    assertThat(driver.describe()).isEqualTo("cgroup v1 (memory, pids, cpu)");
  }

  @Test
  void v1ReadsThePeakResetsItAndSeesTheOomKiller() throws IOException {
    file(root.resolve("memory/memory.limit_in_bytes"), "0");
    CgroupDriver driver = CgroupDriver.detect(root).orElseThrow();
    Cgroup g = driver.create("sb2", 128);
    Path m = root.resolve("memory/outlet/sb2");
    file(m.resolve("memory.max_usage_in_bytes"), "104857600\n");
    file(m.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    assertThat(g.peakBytes()).isEqualTo(104857600L);
    assertThat(g.oomKilled()).isFalse();
    assertThat(g.resetPeak()).isTrue();
    // cgroupfs replaces the value on a write at offset 0; a plain file keeps the old tail
    assertThat(Files.readString(m.resolve("memory.max_usage_in_bytes"))).startsWith("0");
    file(m.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    assertThat(g.oomKilled()).isTrue();
  }

  @Test
  void v2WritesItsLimitsInOneGroupAndReadsPeakAndEvents() throws IOException {
    file(root.resolve("cgroup.controllers"), "cpu memory pids");
    file(root.resolve("cgroup.subtree_control"), "");
    CgroupDriver driver = CgroupDriver.detect(root).orElseThrow();
    Path dir = root.resolve("outlet/sb3");
    file(dir.resolve("memory.swap.max"), "max");
    file(dir.resolve("cpu.max"), "max 100000");
    Cgroup g = driver.create("sb3", 1769);
    assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(1769L << 20));
    assertThat(Files.readString(dir.resolve("memory.swap.max"))).isEqualTo("0");
    assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("1024");
    assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("200000 100000");
    g.endInit();
    assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("100000 100000");
    assertThat(g.joinFiles()).containsExactly(dir.resolve("cgroup.procs"));
    file(dir.resolve("memory.peak"), "52428800\n");
    file(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
    assertThat(g.peakBytes()).isEqualTo(52428800L);
    assertThat(g.oomKilled()).isTrue();
    assertThat(g.resetPeak()).isFalse();
    assertThat(Files.readString(root.resolve("outlet/cgroup.subtree_control"))).contains("+");
  }

  @Test
  void aSweepRemovesOnlyOldEmptyGroups() throws IOException {
    file(root.resolve("memory/memory.limit_in_bytes"), "0");
    CgroupDriver driver = CgroupDriver.detect(root).orElseThrow();
    Path base = root.resolve("memory/outlet");
    Path stale = Files.createDirectories(base.resolve("stale"));
    Path busy = Files.createDirectories(base.resolve("busy"));
    file(busy.resolve("cgroup.procs"), "4242\n");
    Path young = Files.createDirectories(base.resolve("young"));
    java.nio.file.attribute.FileTime old =
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(600));
    Files.setLastModifiedTime(stale, old);
    Files.setLastModifiedTime(busy, old);
    assertThat(driver.sweep(java.time.Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(busy).exists();
    assertThat(young).exists();
  }

  @Test
  void cpuShareFollowsLambdasOneVcpuAt1769Megabytes() {
    assertThat(CpuShare.quotaMicros(1769)).isEqualTo(100_000);
    assertThat(CpuShare.quotaMicros(128)).isEqualTo(7_236);
    assertThat(CpuShare.quotaMicros(10240)).isEqualTo(578_858);
    assertThat(CpuShare.vcpus(20000)).isEqualTo(6.0);
    assertThat(CpuShare.quotaMicros(1)).isEqualTo(1000);
    assertThat(CpuShare.initQuotaMicros(128)).isEqualTo(200_000);
    assertThat(CpuShare.initQuotaMicros(10240)).isEqualTo(578_858);
  }

  @Test
  void aGroupMadeAheadOfTimeGetsItsMemoryAndCpuLimitsWhenItsFunctionIsKnown() throws IOException {
    file(root.resolve("cgroup.controllers"), "cpu memory pids");
    file(root.resolve("cgroup.subtree_control"), "");
    CgroupDriver driver = CgroupDriver.detect(root).orElseThrow();
    Path dir = root.resolve("outlet/stub-1");
    file(dir.resolve("cpu.max"), "max 100000");
    Cgroup g = driver.create("stub-1");
    assertThat(Files.readString(dir.resolve("pids.max"))).isEqualTo("1024");
    assertThat(dir.resolve("memory.max")).doesNotExist();
    g.endInit(); // nothing to end before the limits are known
    assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("max 100000");
    g.limit(512);
    assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo("536870912");
    assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("200000 100000");
    g.endInit();
    assertThat(Files.readString(dir.resolve("cpu.max")))
        .isEqualTo(CpuShare.quotaMicros(512) + " 100000");
  }
}
