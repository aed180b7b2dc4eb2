package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.server.testkit.GoEcho;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A Go runtime that speaks the Runtime API like aws-lambda-go (chunked results with declared
 * trailers, exact 200/202), built from bench/function/main.go with Debian's Go for x86_64 and
 * arm64. Skipped, with the reason, where Go is not installed.
 */
class GoRuntimeTest {
  @TempDir static Path work;
  private static TestServer outlet;
  private static byte[] amd64;
  private static byte[] arm64;

  @BeforeAll
  static void build() throws Exception {
    GoEcho.assumeInstalled();
    amd64 = GoEcho.zip(work, "amd64");
    arm64 = GoEcho.zip(work, "arm64");
    outlet = TestServer.start(work.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (outlet != null) {
      outlet.close();
    }
  }

  @Test
  void aGoRuntimeAnswersColdAndWarmWithTheEventVerbatim() {
    outlet.create("go-echo", amd64, b -> b.memorySize(1769));
    String big = "{\"data\":\"" + "x".repeat(64 * 1024) + "\"}";
    InvokeResponse cold = outlet.invoke("go-echo", big);
    assertThat(cold.functionError()).isNull();
    assertThat(cold.payload().asUtf8String()).isEqualTo(big);
    assertThat(TestServer.logTail(cold)).contains("Init Duration:");
    InvokeResponse warm = outlet.invoke("go-echo", "{\"n\":2}");
    assertThat(warm.payload().asUtf8String()).isEqualTo("{\"n\":2}");
    assertThat(TestServer.logTail(warm))
        .doesNotContain("Init Duration:")
        .contains("REPORT RequestId: ");
  }

  @Test
  void anArm64BinaryOnAnX86FunctionIsRefusedAtCreateTimeNamingBoth() {
    assumeThat(System.getProperty("os.arch")).isEqualTo("amd64");
    InvalidParameterValueException e =
        (InvalidParameterValueException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> outlet.create("go-wrong-arch", arm64));
    assertThat(e).isNotNull();
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo(
            "bootstrap is an ELF aarch64 (arm64) executable, but the function's architecture is"
                + " x86_64: rebuild with GOARCH=amd64 or create the function with --architectures arm64");
    assertThatThrownBy(() -> outlet.lambda().getFunction(b -> b.functionName("go-wrong-arch")))
        .hasMessageContaining("Function not found");
  }

  @Test
  void anArm64FunctionAnswersThroughQemuAndSaysSoInItsLog() {
    assumeThat(System.getProperty("os.arch")).isEqualTo("amd64");
    assumeThat(Files.isExecutable(Path.of("/usr/bin/qemu-aarch64-static")))
        .as("qemu-aarch64-static not installed: apt-get install qemu-user-static")
        .isTrue();
    outlet.create(
        "go-arm64", arm64, b -> b.architectures(Architecture.ARM64).memorySize(1769).timeout(30));
    InvokeResponse r = outlet.invoke("go-arm64", "{\"arch\":\"arm64\"}");
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("{\"arch\":\"arm64\"}");
    assertThat(TestServer.logTail(r)).contains("runs emulated by qemu-aarch64-static");
  }
}
