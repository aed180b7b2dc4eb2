package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.GoEcho;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * What a function printed before it answered appears between its START and END lines, on every
 * invocation, in every runtime: 1,000 warm invokes each of a function that prints one line and
 * answers, with {@code LogType: Tail}. (Before the log pump read the pipe itself at the answer, a
 * few in a hundred landed after END: 4/150 Python, 7/150 Node.js, 22/150 Java.)
 */
class LogOrderTest {
  private static final int INVOKES = 1000;

  @TempDir static Path work;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(work.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aGoRuntimesLinesComeBeforeEnd() throws Exception {
    GoEcho.assumeInstalled();
    server.create(
        "order-go",
        GoEcho.zip(work, "amd64"),
        b -> b.memorySize(1769).environment(e -> e.variables(Map.of("LOG_LINES", "1"))));
    assertNoneMisplaced(
        "order-go", id -> "log line 1 of 1 for request " + id + ": the quick brown fox");
  }

  @Test
  void aPythonHandlersPrintComesBeforeEnd() {
    create(
        "order-python",
        "python3.11",
        "lambda_function.lambda_handler",
        FunctionFolders.zip("python", "print_then_return"));
    assertNoneMisplaced("order-python", id -> "the only line, printed right before returning");
  }

  @Test
  void aNodeHandlersConsoleLogComesBeforeEnd() {
    create(
        "order-node",
        "nodejs20.x",
        "index.handler",
        FunctionFolders.zip("nodejs", "print-then-return"));
    assertNoneMisplaced("order-node", id -> "\t" + id + "\tINFO\tprinted before return");
  }

  @Test
  void aJavaHandlersPrintlnComesBeforeEnd() throws Exception {
    Path classes =
        Path.of(
            dev.outlet.server.fixtures.JvmHandler.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    String entry = "dev/outlet/server/fixtures/JvmHandler.class";
    byte[] zip =
        TestZips.zip().file(entry, Files.readAllBytes(classes.resolve(entry)), 0644).bytes();
    create("order-java", "java21", "dev.outlet.server.fixtures.JvmHandler::handleRequest", zip);
    assertNoneMisplaced("order-java", id -> "printed by the handler of " + id);
  }

  private static void create(String name, String runtime, String handler, byte[] zip) {
    server.create(name, zip, b -> b.runtime(runtime).handler(handler).memorySize(1024).timeout(30));
  }

  /** Every invoke's log: START, then the printed line (somewhere before END), then END. */
  private static void assertNoneMisplaced(String name, Function<String, String> printed) {
    List<String> misplaced = new ArrayList<>();
    for (int i = 0; i < INVOKES; i++) {
      InvokeResponse r =
          server
              .lambda()
              .invoke(
                  b ->
                      b.functionName(name)
                          .logType(LogType.TAIL)
                          .payload(SdkBytes.fromUtf8String("{}")));
      assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
      String id = r.responseMetadata().requestId();
      String log = TestServer.logTail(r);
      int start = log.lastIndexOf("START RequestId: " + id);
      int line = log.indexOf(printed.apply(id), Math.max(start, 0));
      int end = log.indexOf("END RequestId: " + id);
      if (start < 0 || line < 0 || end < 0 || line > end) {
        misplaced.add(i + ": " + log);
      }
    }
    assertThat(misplaced).as(misplaced.isEmpty() ? "" : misplaced.getFirst()).isEmpty();
  }
}
