package dev.outlet.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's interpreters are probed and the runtime files written only from {@link
 * ManagedRuntimes#begin} or the first question about a managed runtime: a command that runs a
 * custom-runtime function pays for neither.
 */
class ManagedRuntimesStartTest {
  @TempDir Path data;

  @Test
  void nothingIsWrittenUntilBegunOrAsked() {
    Path runtimes = data.resolve("runtimes");
    ManagedRuntimes idle = ManagedRuntimes.start(runtimes, null, Map.of());
    idle.check("provided.al2023"); // a custom runtime asks nothing of the host
    idle.settle();
    assertThat(runtimes).doesNotExist();

    ManagedRuntimes begun = ManagedRuntimes.start(runtimes, null, Map.of());
    begun.begin();
    begun.settle();
    assertThat(runtimes).isDirectory();
  }

  @Test
  void theFirstQuestionAboutAManagedRuntimeBeginsThem() {
    Path runtimes = data.resolve("runtimes");
    ManagedRuntimes asked = ManagedRuntimes.start(runtimes, null, Map.of());
    assertThat(asked.resolve(RuntimeId.parse("python3.12").orElseThrow())).isNotNull();
    asked.settle();
    assertThat(runtimes).isDirectory();
  }
}
