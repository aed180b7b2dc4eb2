package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.fixtures.HelloHandler;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.Curl;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Java functions on the managed runtimes ({@code java17}, {@code java21}): packages laid out as AWS
 * documents them (classes at the root with dependencies in lib/, or only jars in lib/), no
 * bootstrap of the user's, AWS's runtime interface client shipped by Outlet at /var/runtime,
 * created and invoked through the AWS CLI, the SDK and an HTTP API route.
 */
class JavaManagedRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = "dev.outlet.server.fixtures.";

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static CliFunctions functions;
  private static Path classesZip;
  private static Path jarsZip;

  @BeforeAll
  static void start() throws Exception {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    functions = new CliFunctions(aws, root.resolve("zips"));
    classesZip = root.resolve("classes.zip");
    Files.write(classesZip, classesAtTheRoot());
    jarsZip = root.resolve("jars.zip");
    Files.write(jarsZip, onlyJars());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void create(
      String name, String runtime, String handler, Path zip, String... more) {
    List<String> options =
        new java.util.ArrayList<>(List.of("--memory-size", "512", "--timeout", "30"));
    options.addAll(List.of(more));
    try {
      JsonNode created =
          functions.create(
              name, runtime, handler, Files.readAllBytes(zip), options.toArray(String[]::new));
      assertThat(created.get("Runtime").asText()).isEqualTo(runtime);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static InvokeResponse invoke(String name, String payload) {
    return server.invoke(name, payload);
  }

  private static JsonNode json(InvokeResponse r) {
    return TestServer.json(r);
  }

  @Test
  void aHandlerAsAwsDocumentsItRunsOnJava21WithNoBootstrapOfItsOwn() {
    create("java21-hello", "java21", FIXTURES + "HelloHandler::handleRequest", classesZip);

    InvokeResponse r = invoke("java21-hello", "{\"name\":\"Outlet\"}");

    String id = r.responseMetadata().requestId();
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String())
        .isEqualTo("\"Hello, Outlet from java21-hello for " + id + "\"");
    String log = TestServer.logTail(r);
    assertThat(log)
        .containsPattern(
            "INIT_START Runtime Version: java:\\d+[.\\d]*\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}");
    assertThat(log).contains("greeting Outlet").doesNotContain("WARNING: A restricted method");
    assertThat(InvokeTest.lastLine(log)).matches(InvokeTest.report(id, 512, true));
    JsonNode config =
        aws.run("lambda", "get-function", "--function-name", "java21-hello")
            .ok()
            .get("Configuration");
    assertThat(config.at("/RuntimeVersionConfig/RuntimeVersionArn").asText())
        .isEqualTo(log.replaceAll("(?s).*Runtime Version ARN: (\\S+).*", "$1"));
  }

  @Test
  void java17RunsOnAJdk17AndJava11OnTheNearestNewerJdkWhichTheLogSays() throws Exception {
    Path zip = root.resolve("example-11.zip");
    Files.write(zip, dev.outlet.server.testkit.JavaHandlers.compiled(root, EXAMPLE, 11));
    create("java17-example", "java17", "example.Handler::handleRequest", zip);
    InvokeResponse on17 = invoke("java17-example", "{\"k\":\"v\"}");
    assertThat(on17.payload().asUtf8String()).as(TestServer.logTail(on17)).startsWith("\"17.");

    create("java11-example", "java11", "example.Handler", zip);
    InvokeResponse on11 = invoke("java11-example", "{}");
    assertThat(on11.functionError()).isNull();
    assertThat(on11.payload().asUtf8String()).startsWith("\"17.");
    assertThat(TestServer.logTail(on11))
        .contains("[outlet] java11 runs on JDK 17")
        .contains("no JDK 11 is installed here");
  }

  @Test
  void aHandlerCompiledForANewerJavaThanTheRuntimeIsRefusedAtCreate() {
    AwsCli.Run refused =
        aws.run(
            "lambda",
            "create-function",
            "--function-name",
            "java17-too-new",
            "--runtime",
            "java17",
            "--handler",
            FIXTURES + "HelloHandler::handleRequest",
            "--role",
            TestServer.ROLE,
            "--zip-file",
            "fileb://" + classesZip);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err())
        .contains("InvalidParameterValueException")
        .contains(
            "dev/outlet/server/fixtures/HelloHandler.class was compiled for Java 21 (class file"
                + " version 65), but runtime java17 runs Java 17")
        .contains("Compile with --release 17");
  }

  @Test
  void theJvmGetsLambdasDefaultsAndTheSandboxUserUnlessJavaToolOptionsSaysOtherwise() {
    create("java-defaults", "java21", FIXTURES + "JvmHandler::handleRequest", classesZip);
    InvokeResponse plain = invoke("java-defaults", "{}");
    JsonNode jvm = json(plain);
    assertThat(jvm.get("arguments").toString())
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxHeapSize=435m");
    assertThat(jvm.get("maxHeapMb").asInt()).isBetween(400, 440);
    assertThat(jvm.get("executionEnv").asText()).isEqualTo("AWS_Lambda_java21");
    assertThat(jvm.get("taskRoot").asText()).isEqualTo("/var/task");
    assertThat(jvm.get("userDir").asText()).isEqualTo("/var/task");
    assertThat(TestServer.logTail(plain))
        .contains("printed by the handler of " + plain.responseMetadata().requestId());

    create(
        "java-tool-options",
        "java21",
        FIXTURES + "JvmHandler::handleRequest",
        classesZip,
        "--environment",
        "Variables={JAVA_TOOL_OPTIONS=-Doutlet.test=yes -XX:TieredStopAtLevel=4 -Xmx200m}");
    JsonNode tuned = json(invoke("java-tool-options", "{}"));
    assertThat(tuned.get("property").asText()).isEqualTo("yes");
    assertThat(tuned.get("arguments").toString())
        .contains("-XX:TieredStopAtLevel=4")
        .doesNotContain("-XX:TieredStopAtLevel=1")
        .doesNotContain("MaxHeapSize");
    assertThat(tuned.get("maxHeapMb").asInt()).isBetween(150, 200);
  }

  @Test
  void pojosAndStreamsAreSerializedAsAwssRuntimeDoes() {
    create("java-pojo", "java21", FIXTURES + "OrderHandler::handleRequest", classesZip);
    JsonNode receipt = json(invoke("java-pojo", "{\"customer\":\"ada\",\"quantities\":[2,3]}"));
    assertThat(receipt.toString()).isEqualTo("{\"customer\":\"ada\",\"items\":5}");

    create("java-stream", "java21", FIXTURES + "StreamHandler::handleRequest", classesZip);
    assertThat(invoke("java-stream", "\"shout\"").payload().asUtf8String()).isEqualTo("\"SHOUT\"");
  }

  @Test
  void failuresCarryTheExceptionAsTheClientReportsIt() {
    create("java-throws", "java21", FIXTURES + "FailingHandler::handleRequest", classesZip);
    InvokeResponse failed = invoke("java-throws", "{\"name\":\"Outlet\"}");
    assertThat(failed.functionError()).isEqualTo("Unhandled");
    assertThat(json(failed).get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(json(failed).get("errorMessage").asText()).isEqualTo("no greeting today for Outlet");

    create("java-missing", "java21", FIXTURES + "Missing::handleRequest", classesZip);
    InvokeResponse missing = invoke("java-missing", "{}");
    assertThat(json(missing).get("errorType").asText())
        .isEqualTo("java.lang.ClassNotFoundException");
    assertThat(json(missing).get("errorMessage").asText())
        .isEqualTo("Class not found: " + FIXTURES + "Missing");
  }

  @Test
  void aPackageOfJarsOnlyRunsAsWell() {
    create("java-jars", "java21", FIXTURES + "OrderHandler", jarsZip);
    JsonNode receipt = json(invoke("java-jars", "{\"customer\":\"bo\",\"quantities\":[1]}"));
    assertThat(receipt.get("items").asInt()).isEqualTo(1);
  }

  @Test
  void anHttpApiRouteServesAnAwsLambdaJavaEventsHandler() {
    Curl.assumeInstalled();
    create("java-http", "java21", FIXTURES + "HttpApiHandler::handleRequest", classesZip);
    JsonNode api =
        aws.run(
                "apigatewayv2",
                "create-api",
                "--name",
                "java",
                "--protocol-type",
                "HTTP",
                "--target",
                TestServer.functionArn("java-http"))
            .ok();
    String id = api.get("ApiId").asText();

    Curl.Reply reply = Curl.run(server.endpoint() + "/_outlet/apis/" + id + "/orders/7?name=ada");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body()).isEqualTo("hello ada at /orders/7 via GET");
    assertThat(reply.header("X-Route")).isEqualTo("$default");
    assertThat(reply.header("Content-Type")).isEqualTo("text/plain");
  }

  @Test
  void laterColdStartsStartFromAClassDataCacheMadeFromTheFirstInit() throws Exception {
    create(
        "java-cached",
        "java21",
        FIXTURES + "HelloHandler::handleRequest",
        classesZip,
        "--environment",
        "Variables={JAVA_TOOL_OPTIONS=-Dcache.test=own}"); // JVM options: a cache of its own
    InvokeResponse first = invoke("java-cached", "{\"name\":\"one\"}");
    assertThat(TestServer.logTail(first)).doesNotContain("class-data cache");
    Path caches = server.dataDir().resolve("caches");
    // The cache is made in the background after the first cold start: new sandboxes (a
    // configuration change retires the warm one) start from it once it is there.
    InvokeResponse[] later = new InvokeResponse[1];
    Awaitility.await()
        .atMost(90, TimeUnit.SECONDS)
        .pollInterval(2, TimeUnit.SECONDS)
        .until(
            () -> {
              aws.run(
                      "lambda",
                      "update-function-configuration",
                      "--function-name",
                      "java-cached",
                      "--description",
                      "a new sandbox, same code " + System.nanoTime())
                  .ok();
              later[0] = invoke("java-cached", "{\"name\":\"two\"}");
              return TestServer.logTail(later[0]).contains("class-data cache");
            });

    assertThat(later[0].functionError()).isNull();
    assertThat(later[0].payload().asUtf8String()).startsWith("\"Hello, two");

    List<Path> before = list(caches).filter(p -> p.toString().endsWith(".cache")).toList();
    aws.run("lambda", "delete-function", "--function-name", "java-cached").ok();
    assertThat(list(caches).filter(p -> p.toString().endsWith(".cache")))
        .as("the deleted function's cache goes, the others stay")
        .hasSize(before.size() - 1);
  }

  private static Stream<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList().stream();
    }
  }

  // ---- packages ----

  private static final String EXAMPLE =
      """
      package example;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.LambdaLogger;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;

      // Handler value: example.Handler
      public class Handler implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
          LambdaLogger logger = context.getLogger();
          logger.log("EVENT: " + event);
          return System.getProperty("java.version");
        }
      }
      """;

  /** Classes at the root, dependencies in lib/: AWS's "zip with a lib folder" layout. */
  private static byte[] classesAtTheRoot() throws Exception {
    TestZips zip = TestZips.zip();
    Path classes = classesFolder();
    for (Path f : fixtureClasses()) {
      zip.file(classes.relativize(f).toString(), Files.readAllBytes(f), 0644);
    }
    Path events = jarOf(APIGatewayV2HTTPEvent.class);
    zip.file("lib/" + events.getFileName(), Files.readAllBytes(events), 0644);
    return zip.bytes();
  }

  /** Only jars under lib/, the function's own among them (a build tool's output copied in). */
  private static byte[] onlyJars() throws Exception {
    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    Path classes = classesFolder();
    try (ZipOutputStream out = new ZipOutputStream(jar)) {
      for (Path f : fixtureClasses()) {
        out.putNextEntry(new ZipEntry(classes.relativize(f).toString()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return TestZips.zip().file("lib/function.jar", jar.toByteArray(), 0644).bytes();
  }

  private static Path classesFolder() throws Exception {
    return Path.of(HelloHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Path> fixtureClasses() throws Exception {
    try (Stream<Path> files = Files.list(classesFolder().resolve("dev/outlet/server/fixtures"))) {
      return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
  }

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
