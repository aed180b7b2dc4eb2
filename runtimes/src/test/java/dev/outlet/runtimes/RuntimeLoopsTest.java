package dev.outlet.runtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runtime loops' own unit tests, in their own languages (handler resolution, error shapes, log
 * formats, the Runtime API client against a fake server), run by the build: {@code node --test}
 * over src/test/node and {@code python3 -m unittest} over src/test/python.
 */
class RuntimeLoopsTest {
  private static final Path MODULE = Path.of(System.getProperty("user.dir"));

  @Test
  void theNodeRuntimesTestsPass() throws Exception {
    Path node = Path.of("/usr/bin/node");
    assumeThat(Files.isExecutable(node)).as("Node.js not installed at /usr/bin/node").isTrue();
    run(List.of(node.toString(), "--test", "src/test/node/"), MODULE);
  }

  @Test
  void thePythonRuntimesTestsPass() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeThat(Files.isExecutable(python)).as("Python not installed at /usr/bin/python3").isTrue();
    run(
        List.of(python.toString(), "-m", "unittest", "discover", "-v", "-s", "."),
        MODULE.resolve("src/test/python"));
  }

  private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
    Path log = Files.createTempFile("runtime-loop-tests", ".log");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().remove("NODE_EXTRA_CA_CERTS");
      Process p = pb.start();
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      if (!done) {
        p.destroyForcibly();
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(done).as("finished in 5 minutes:\n" + out).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
