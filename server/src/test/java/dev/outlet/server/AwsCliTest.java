package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.AwsCli.Run;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian AWS CLI v2 at exactly /usr/bin/aws (a pyenv CLI v1 may shadow {@code aws} on the PATH)
 * against Outlet, starting with the seed's own workflow, each call its own process started by the
 * kernel (the other tests' calls run the same file forked from a Python that imported the CLI once:
 * {@link AwsCli}). Skipped, with the reason, where that CLI is not installed.
 */
class AwsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @TempDir static Path root;
  private static TestServer server;
  private static Path work;

  @BeforeAll
  static void start() throws IOException {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    work = Files.createDirectories(root.resolve("work"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theSeedWorkflowCreatesAndInvokesAHandlerNamedExecutable() throws IOException {
    byte[] zip = TestZips.zip().executable("main", Runtimes.handlerEcho()).bytes();
    Files.write(work.resolve("function.zip"), zip);

    Run created =
        aws(
            "lambda",
            "create-function",
            "--function-name",
            "my-go-function",
            "--runtime",
            "provided.al2",
            "--role",
            "arn:aws:iam::123456789012:role/lambda-execution-role",
            "--handler",
            "main",
            "--zip-file",
            "fileb://function.zip");

    assertThat(created.exit()).as(created.err()).isZero();
    JsonNode config = created.json();
    assertThat(config.get("FunctionName").asText()).isEqualTo("my-go-function");
    assertThat(config.get("FunctionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:my-go-function");
    assertThat(config.get("Runtime").asText()).isEqualTo("provided.al2");
    assertThat(config.get("Handler").asText()).isEqualTo("main");
    assertThat(config.get("CodeSha256").asText()).isEqualTo(TestZips.sha256Base64(zip));
    assertThat(config.get("CodeSize").asLong()).isEqualTo(zip.length);

    Run invoked =
        aws(
            "lambda",
            "invoke",
            "--function-name",
            "my-go-function",
            "--log-type",
            "Tail",
            "out.json");

    assertThat(invoked.exit()).as(invoked.err()).isZero();
    JsonNode result = invoked.json();
    assertThat(result.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(result.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    assertThat(result.has("FunctionError")).isFalse();
    assertThat(Files.readString(work.resolve("out.json")))
        .isEqualTo("{\"handler\":\"main\",\"event\":{}}");
    String log =
        new String(
            Base64.getDecoder().decode(result.get("LogResult").asText()), StandardCharsets.UTF_8);
    assertThat(InvokeTest.lastLine(log))
        .matches(
            "REPORT RequestId: "
                + UUID
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB\tMax"
                + " Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t");
  }

  @Test
  void createAnswersPendingAsAwsDoesAndTheWaiterSeesItActive() throws IOException {
    Path zip = root.resolve("pending.zip");
    Files.write(zip, TestZips.bootstrap(Runtimes.echo()));
    Run created =
        aws(
            "lambda",
            "create-function",
            "--function-name",
            "cli-pending",
            "--runtime",
            "provided.al2023",
            "--handler",
            "bootstrap",
            "--role",
            TestServer.ROLE,
            "--zip-file",
            "fileb://" + zip);
    assertThat(created.exit()).as(created.err()).isZero();
    JsonNode c = created.json();
    assertThat(c.get("State").asText()).isEqualTo("Pending");
    assertThat(c.get("StateReason").asText()).isEqualTo("The function is being created.");
    assertThat(c.get("StateReasonCode").asText()).isEqualTo("Creating");
    assertThat(c.has("LastUpdateStatus")).isFalse();
    Run waited = aws("lambda", "wait", "function-active-v2", "--function-name", "cli-pending");
    assertThat(waited.exit()).as(waited.err()).isZero();
    JsonNode read =
        aws("lambda", "get-function-configuration", "--function-name", "cli-pending").json();
    assertThat(read.get("State").asText()).isEqualTo("Active");
    assertThat(read.has("StateReason")).isFalse();
    assertThat(read.get("LastUpdateStatus").asText()).isEqualTo("Successful");
  }

  @Test
  void getFunctionAndListFunctionsShowTheFunction() {
    String name = "cli-describe";
    byte[] zip = TestZips.bootstrap(Runtimes.echo());
    server.create(name, zip);

    Run got = aws("lambda", "get-function", "--function-name", name);
    Run listed = aws("lambda", "list-functions");

    assertThat(got.exit()).as(got.err()).isZero();
    JsonNode configuration = got.json().get("Configuration");
    assertThat(configuration.get("FunctionName").asText()).isEqualTo(name);
    assertThat(configuration.get("CodeSha256").asText()).isEqualTo(TestZips.sha256Base64(zip));
    assertThat(configuration.get("State").asText()).isEqualTo("Active");
    assertThat(got.json().get("Code").get("Location").asText()).startsWith("http");
    assertThat(listed.exit()).as(listed.err()).isZero();
    List<String> names = new ArrayList<>();
    listed.json().get("Functions").forEach(f -> names.add(f.get("FunctionName").asText()));
    assertThat(names).contains(name);
  }

  @Test
  void configurationCodeAndPayloadUpdatesTakeEffect() throws IOException {
    String name = "cli-updates";
    server.create(name, TestZips.bootstrap(Runtimes.labelled("first")));

    Run memory =
        aws(
            "lambda",
            "update-function-configuration",
            "--function-name",
            name,
            "--memory-size",
            "256");
    assertThat(memory.exit()).as(memory.err()).isZero();
    assertThat(memory.json().get("MemorySize").asInt()).isEqualTo(256);

    Run tail =
        aws("lambda", "invoke", "--function-name", name, "--log-type", "Tail", "memory.json");
    assertThat(tail.exit()).as(tail.err()).isZero();
    String log =
        new String(
            Base64.getDecoder().decode(tail.json().get("LogResult").asText()),
            StandardCharsets.UTF_8);
    assertThat(InvokeTest.lastLine(log)).contains("\tMemory Size: 256 MB\t");
    assertThat(JSON.readTree(work.resolve("memory.json").toFile()).get("label").asText())
        .isEqualTo("first");

    byte[] next = TestZips.bootstrap(Runtimes.echo());
    Files.write(work.resolve("function2.zip"), next);
    Run code =
        aws(
            "lambda",
            "update-function-code",
            "--function-name",
            name,
            "--zip-file",
            "fileb://function2.zip");
    assertThat(code.exit()).as(code.err()).isZero();
    assertThat(code.json().get("CodeSha256").asText()).isEqualTo(TestZips.sha256Base64(next));

    Run payload =
        aws(
            "lambda",
            "invoke",
            "--function-name",
            name,
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"k\":\"v\"}",
            "payload.json");
    assertThat(payload.exit()).as(payload.err()).isZero();
    assertThat(payload.json().get("StatusCode").asInt()).isEqualTo(200);
    assertThat(Files.readString(work.resolve("payload.json"))).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void reservedConcurrencyShowsInTheAccountSettings() {
    String name = "cli-concurrency";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));
    Run before = aws("lambda", "get-account-settings");
    assertThat(before.exit()).as(before.err()).isZero();
    int unreserved =
        before.json().get("AccountLimit").get("UnreservedConcurrentExecutions").asInt();

    Run put =
        aws(
            "lambda",
            "put-function-concurrency",
            "--function-name",
            name,
            "--reserved-concurrent-executions",
            "5");
    Run after = aws("lambda", "get-account-settings");

    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.json().get("ReservedConcurrentExecutions").asInt()).isEqualTo(5);
    assertThat(after.json().get("AccountLimit").get("UnreservedConcurrentExecutions").asInt())
        .isEqualTo(unreserved - 5);
    assertThat(after.json().get("AccountLimit").get("ConcurrentExecutions").asInt())
        .isEqualTo(1000);
    assertThat(after.json().get("AccountUsage").get("FunctionCount").asLong())
        .isEqualTo(server.lambda().getAccountSettings(b -> {}).accountUsage().functionCount());
  }

  @Test
  void deleteFunctionRemovesItAndTheCliReportsTheNotFoundError() {
    String name = "cli-delete";
    server.create(name, TestZips.bootstrap(Runtimes.echo()));

    Run deleted = aws("lambda", "delete-function", "--function-name", name);
    Run missing = aws("lambda", "get-function", "--function-name", name);

    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(missing.exit()).isIn(254, 255);
    assertThat(missing.err())
        .contains("ResourceNotFoundException")
        .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name);
    Run invokeMissing = aws("lambda", "invoke", "--function-name", name, "missing.json");
    assertThat(invokeMissing.exit()).isIn(254, 255);
    assertThat(invokeMissing.err()).contains("ResourceNotFoundException");
  }

  /** Runs the CLI in the work folder, isolated from any profile, with a bounded wait. */
  private static Run aws(String... args) {
    return new AwsCli(server.endpoint(), work).spawned().run(args);
  }
}
