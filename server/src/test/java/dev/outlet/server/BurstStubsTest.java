package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.sandbox.Protections;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of cold starts leaves launch stubs for the next one (LaunchStubs sized by StubDemand):
 * with real bubblewrap sandboxes, the cold starts of a second burst all run in stubs, where two
 * stubs at rest would leave most of them to the direct start. Skipped where the host lacks
 * bubblewrap or cgroups.
 */
class BurstStubsTest {
  private static final int BURST = 12;

  @TempDir static Path data;
  private static TestServer outlet;

  @BeforeAll
  static void start() {
    Protections p =
        Protections.probe(
            Protections.DEFAULT_BWRAP, Protections.DEFAULT_CGROUP_ROOT, Protections.DEFAULT_QEMU);
    assumeThat(p.isolated()).as("bubblewrap unavailable: " + p.bwrapProblem()).isTrue();
    assumeThat(p.cgroups()).as("cgroups unavailable: " + p.cgroupProblem()).isNotNull();
    outlet = TestServer.start(data);
  }

  @AfterAll
  static void stop() {
    if (outlet != null) {
      outlet.close();
    }
  }

  /** Each invocation sleeps so that the burst's sandboxes are all busy at once. */
  private static void create(String name) {
    outlet.create(
        name,
        TestZips.bootstrap(IsolationTest.COMMAND_RUNTIME),
        b ->
            b.memorySize(128)
                .timeout(30)
                .environment(
                    e ->
                        e.variables(
                            Map.of(
                                "HANDLER_CMD",
                                "sleep 1; grep ' /var/task ' /proc/self/mountinfo | cut -d' '"
                                    + " -f4"))));
  }

  /** Where each invocation's /var/task came from on the host. */
  private static List<String> burst(String name) {
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        calls.add(
            CompletableFuture.supplyAsync(
                () -> outlet.invoke(name, "{}").payload().asUtf8String().trim(), threads));
      }
      return calls.stream().map(CompletableFuture::join).toList();
    }
  }

  private static long stubFolders() throws IOException {
    try (Stream<Path> all = Files.walk(data)) {
      return all.filter(p -> p.getFileName().toString().startsWith("stub-")).count();
    }
  }

  @Test
  void theColdStartsOfABurstAllFindAStubAfterABurstAsLarge() throws Exception {
    create("burst-one");
    List<String> first = burst("burst-one");
    // a stub's folder, or the code store's folder on the direct path
    assertThat(first)
        .hasSize(BURST)
        .allSatisfy(out -> assertThat(out).containsAnyOf("/stubs/stub-", "/code/"));
    long fromStubs = first.stream().filter(out -> out.contains("/stubs/stub-")).count();
    // the stubs the first burst asked for: its own sandboxes' folders and BURST ready ones
    for (int i = 0; i < 600 && stubFolders() < fromStubs + BURST; i++) {
      Thread.sleep(100);
    }
    create("burst-two");
    List<String> second = burst("burst-two");
    assertThat(second).allSatisfy(out -> assertThat(out).contains("/stubs/stub-"));
  }
}
