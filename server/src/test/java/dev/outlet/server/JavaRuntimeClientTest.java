package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.fixtures.HelloHandler;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A real Java function run by AWS's own runtime interface client
 * (aws-lambda-java-runtime-interface- client), started by a provided.al2023 bootstrap exactly as
 * the Lambda docs describe for custom Java runtimes: the client's native library, its libcurl, its
 * HTTP error paths, all against Outlet's Runtime API.
 */
class JavaRuntimeClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RIC_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The docs' bootstrap, with the JNI library copied to the sandbox's own temp folder. */
  private static final String BOOTSTRAP =
      """
      #!/bin/sh
      set -e
      JNI="${TMPDIR:-/tmp}/libaws-lambda-jni.so"
      cp "$LAMBDA_TASK_ROOT/native/libaws-lambda-jni.so" "$JNI"
      exec "$JAVA_CMD" -XX:+UseSerialGC -Xshare:auto -XX:TieredStopAtLevel=1 \\
        -Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="$JNI" \\
        -cp "$LAMBDA_TASK_ROOT/lib/*:$LAMBDA_TASK_ROOT" \\
        com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$_HANDLER"
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static byte[] function;
  private static ExecutorService threads;

  @BeforeAll
  static void start() throws Exception {
    function = javaFunction();
    server = TestServer.start(root.resolve("data"));
    threads = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() {
    if (threads != null) {
      threads.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aColdInvokeReturnsTheHandlersResult() {
    String name = "java-hello";
    create(name, HelloHandler.class.getName() + "::handleRequest");

    InvokeResponse response = server.invoke(name, "{\"name\":\"Outlet\"}");

    String id = response.responseMetadata().requestId();
    assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
    assertThat(response.payload().asUtf8String())
        .isEqualTo("\"Hello, Outlet from " + name + " for " + id + "\"");
    String tail = TestServer.logTail(response);
    assertThat(tail).contains("greeting Outlet");
    assertThat(InvokeTest.lastLine(tail)).matches(InvokeTest.report(id, 512, true));
  }

  @Test
  void warmInvokesReuseTheJvmAndGetAFullContext() {
    String name = "java-identity";
    create(name, "dev.outlet.server.fixtures.IdentityHandler");

    InvokeResponse cold = server.invoke(name, "{}");
    InvokeResponse warm = server.invoke(name, "{}");

    JsonNode first = json(cold);
    JsonNode second = json(warm);
    assertThat(second.get("jvm").asText()).isEqualTo(first.get("jvm").asText());
    assertThat(first.get("count").asInt()).isEqualTo(1);
    assertThat(second.get("count").asInt()).isEqualTo(2);
    assertThat(second.get("requestId").asText()).isEqualTo(warm.responseMetadata().requestId());
    assertThat(second.get("invokedFunctionArn").asText()).isEqualTo(TestServer.functionArn(name));
    assertThat(second.get("memoryLimitInMB").asInt()).isEqualTo(512);
    assertThat(second.get("remainingTimeInMillis").asLong()).isBetween(1L, 30_000L);
    assertThat(second.get("logStreamName").asText())
        .matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}");
    assertThat(InvokeTest.lastLine(TestServer.logTail(warm)))
        .matches(InvokeTest.report(warm.responseMetadata().requestId(), 512, false));
  }

  @Test
  void aHandlerThatThrowsIsUnhandledWithTheExceptionClassAndMessage() throws IOException {
    String name = "java-failing";
    create(name, "dev.outlet.server.fixtures.FailingHandler::handleRequest");

    InvokeResponse response = server.invoke(name, "{\"name\":\"Outlet\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(response);
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("no greeting today for Outlet");
    assertThat(error.get("stackTrace").isArray()).isTrue();
    assertThat(error.get("stackTrace").toString()).contains("FailingHandler.handleRequest");

    InvokeResponse again = server.invoke(name, "{\"name\":\"again\"}");
    assertThat(json(again).get("errorMessage").asText())
        .as("the runtime survives a handler's exception")
        .isEqualTo("no greeting today for again");
  }

  @Test
  void aMissingHandlerClassIsReportedAsTheClientReportsIt() {
    String name = "java-missing-class";
    create(name, "dev.outlet.server.fixtures.Missing::handleRequest");

    InvokeResponse response = server.invoke(name, "{}");

    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(response);
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(error.get("errorMessage").asText())
        .isEqualTo("Class not found: dev.outlet.server.fixtures.Missing");
  }

  @Test
  void twoConcurrentSandboxesEachLoadTheirOwnJniLibrary() {
    String name = "java-concurrent";
    create(name, "dev.outlet.server.fixtures.IdentityHandler::handleRequest");

    List<CompletableFuture<InvokeResponse>> calls =
        Stream.of(1, 2)
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> server.invoke(name, "{\"sleepMillis\":1500}"), threads))
            .toList();
    List<InvokeResponse> responses = calls.stream().map(CompletableFuture::join).toList();

    assertThat(responses)
        .allSatisfy(r -> assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull());
    JsonNode a = json(responses.get(0));
    JsonNode b = json(responses.get(1));
    assertThat(a.get("jvm").asText()).isNotEqualTo(b.get("jvm").asText());
    assertThat(a.get("logStreamName").asText()).isNotEqualTo(b.get("logStreamName").asText());
    if (!a.get("tmp").asText().equals("/tmp")) {
      assertThat(a.get("tmp").asText()).isNotEqualTo(b.get("tmp").asText());
    }
  }

  // ---- helpers ----

  private static void create(String name, String handler) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    server.create(
        name,
        function,
        b ->
            b.handler(handler)
                .memorySize(512)
                .timeout(30)
                .environment(e -> e.variables(Map.of("JAVA_CMD", java))));
  }

  /**
   * The function zip: bootstrap, the client and its dependencies under lib/, the fixture classes at
   * the root, the client's native library for this machine under native/.
   */
  private static byte[] javaFunction() throws Exception {
    TestZips zip = TestZips.zip().executable("bootstrap", BOOTSTRAP);
    Path ric = jarOf(RIC_MAIN);
    for (String type :
        List.of(
            RIC_MAIN,
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
      Path jar = jarOf(type);
      zip.file("lib/" + jar.getFileName(), Files.readAllBytes(jar), 0644);
    }
    Path classes =
        Path.of(HelloHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path fixtures = classes.resolve("dev/outlet/server/fixtures");
    try (Stream<Path> files = Files.list(fixtures)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        zip.file(classes.relativize(f).toString(), Files.readAllBytes(f), 0644);
      }
    }
    String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
    try (ZipFile jar = new ZipFile(ric.toFile())) {
      ZipEntry lib = jar.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
      assertThat(lib).as("the client's native library for " + arch).isNotNull();
      try (InputStream in = jar.getInputStream(lib)) {
        zip.file("native/libaws-lambda-jni.so", in.readAllBytes(), 0755);
      }
    }
    return zip.bytes();
  }

  private static Path jarOf(String className) throws ClassNotFoundException, URISyntaxException {
    Path jar =
        Path.of(
            Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar.toString()).as(className + " comes from a jar").endsWith(".jar");
    return jar;
  }

  private static JsonNode json(InvokeResponse response) {
    try {
      return JSON.readTree(response.payload().asByteArray());
    } catch (IOException e) {
      throw new AssertionError(response.payload().asUtf8String(), e);
    }
  }
}
