package dev.outlet.server;

import static dev.outlet.server.testkit.AwsErrors.assertError;
import static dev.outlet.server.testkit.AwsErrors.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** The control plane through the AWS SDK v2 client, against one Outlet on loopback. */
class LambdaApiSdkTest {
  private static final String CORRUPT =
      "Could not unzip uploaded file. Please check your file, then try to upload again.";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static TestServer server;
  private static LambdaClient lambda;
  private static final byte[] ECHO = TestZips.bootstrap(Runtimes.echo());

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
    lambda = server.lambda();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---- the function lifecycle ----

  @Test
  void createdFunctionIsDescribedByGetGetConfigurationAndList() throws Exception {
    String name = "lifecycle-describe";
    byte[] zip = TestZips.bootstrap(Runtimes.labelled("describe"));
    OffsetDateTime before = OffsetDateTime.now().minusSeconds(2);

    CreateFunctionResponse created = server.create(name, zip);

    assertThat(created.functionName()).isEqualTo(name);
    assertThat(created.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + name);
    assertThat(created.runtimeAsString()).isEqualTo("provided.al2023");
    assertThat(created.role()).isEqualTo(TestServer.ROLE);
    assertThat(created.handler()).isEqualTo("function.handler");
    assertThat(created.codeSha256()).isEqualTo(TestZips.sha256Base64(zip));
    assertThat(created.codeSize()).isEqualTo(zip.length);
    assertThat(created.memorySize()).isEqualTo(128);
    assertThat(created.timeout()).isEqualTo(3);
    assertThat(created.version()).isEqualTo("$LATEST");
    assertThat(created.packageTypeAsString()).isEqualTo("Zip");
    assertThat(created.architectures()).containsExactly(Architecture.X86_64);
    assertThat(created.ephemeralStorage().size()).isEqualTo(512);
    assertThat(created.revisionId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(created.lastModified())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
    OffsetDateTime modified =
        OffsetDateTime.parse(
            created.lastModified(), DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
    assertThat(modified).isBetween(before, OffsetDateTime.now().plusSeconds(2));

    GetFunctionResponse got = lambda.getFunction(b -> b.functionName(name));
    FunctionConfiguration config = got.configuration();
    assertThat(config.functionArn()).isEqualTo(created.functionArn());
    assertThat(config.codeSha256()).isEqualTo(created.codeSha256());
    assertThat(config.revisionId()).isEqualTo(created.revisionId());
    assertThat(config.lastModified()).isEqualTo(created.lastModified());
    assertThat(config.stateAsString()).isEqualTo("Active");
    assertThat(config.lastUpdateStatusAsString()).isEqualTo("Successful");
    assertThat(got.code().repositoryType()).isEqualTo("S3");
    HttpResponse<byte[]> download =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(got.code().location()))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).as("the package GetFunction points to").isEqualTo(zip);

    var byConfiguration = (lambda.getFunctionConfiguration(b -> b.functionName(name)));
    assertThat(byConfiguration.functionArn()).isEqualTo(created.functionArn());
    assertThat(byConfiguration.codeSize()).isEqualTo(zip.length);
    assertThat(byConfiguration.revisionId()).isEqualTo(created.revisionId());

    FunctionConfiguration byArn =
        lambda.getFunction(b -> b.functionName(created.functionArn())).configuration();
    assertThat(byArn.functionName()).isEqualTo(name);

    List<FunctionConfiguration> listed =
        lambda.listFunctionsPaginator(b -> {}).functions().stream()
            .filter(f -> f.functionName().equals(name))
            .toList();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).codeSha256()).isEqualTo(created.codeSha256());
    assertThat(listed.get(0).state()).as("list items omit State").isNull();
  }

  @Test
  void updatingTheConfigurationChangesMemoryEnvironmentTimeoutAndRevision() {
    String name = "lifecycle-update-config";
    CreateFunctionResponse created = server.create(name, ECHO, Map.of("FIRST", "1"));

    UpdateFunctionConfigurationResponse updated =
        lambda.updateFunctionConfiguration(
            b ->
                b.functionName(name)
                    .memorySize(256)
                    .timeout(10)
                    .environment(e -> e.variables(Map.of("SECOND", "2", "THIRD", "three"))));

    assertThat(updated.memorySize()).isEqualTo(256);
    assertThat(updated.timeout()).isEqualTo(10);
    assertThat(updated.environment().variables())
        .as("Environment replaces the whole map")
        .isEqualTo(Map.of("SECOND", "2", "THIRD", "three"));
    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());
    assertThat(updated.codeSha256()).isEqualTo(created.codeSha256());
    assertThat(updated.lastModified()).isGreaterThanOrEqualTo(created.lastModified());

    var now = lambda.getFunctionConfiguration(b -> b.functionName(name));
    assertThat(now.memorySize()).isEqualTo(256);
    assertThat(now.timeout()).isEqualTo(10);
    assertThat(now.environment().variables()).isEqualTo(Map.of("SECOND", "2", "THIRD", "three"));
    assertThat(now.revisionId()).isEqualTo(updated.revisionId());
    assertThat(now.handler())
        .as("fields not in the update keep their value")
        .isEqualTo("function.handler");

    UpdateFunctionConfigurationResponse withRevision =
        lambda.updateFunctionConfiguration(
            b -> b.functionName(name).revisionId(updated.revisionId()).description("described"));
    assertThat(withRevision.description()).isEqualTo("described");
    assertThat(withRevision.memorySize()).isEqualTo(256);
    assertThat(withRevision.revisionId()).isNotEqualTo(updated.revisionId());
  }

  @Test
  void updatingTheCodeChangesShaSizeAndRevision() throws Exception {
    String name = "lifecycle-update-code";
    CreateFunctionResponse created = server.create(name, ECHO);
    byte[] next = TestZips.bootstrap(Runtimes.labelled("second version"));

    var updated =
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromByteArray(next)));

    assertThat(updated.codeSha256())
        .isEqualTo(TestZips.sha256Base64(next))
        .isNotEqualTo(created.codeSha256());
    assertThat(updated.codeSize()).isEqualTo(next.length);
    assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());
    GetFunctionResponse got = lambda.getFunction(b -> b.functionName(name));
    assertThat(got.configuration().codeSha256()).isEqualTo(updated.codeSha256());
    HttpResponse<byte[]> download =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(got.code().location())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(next);
  }

  @Test
  void deletedFunctionIsGone() {
    String name = "lifecycle-delete";
    server.create(name, ECHO);

    lambda.deleteFunction(b -> b.functionName(name));

    String message = "Function not found: " + TestServer.functionArn(name);
    assertError(
        thrownBy(
            ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name))),
        404,
        "ResourceNotFoundException",
        message);
    assertError(
        thrownBy(
            ResourceNotFoundException.class,
            () -> lambda.deleteFunction(b -> b.functionName(name))),
        404,
        "ResourceNotFoundException",
        message);
    assertThat(lambda.listFunctionsPaginator(b -> {}).functions())
        .noneMatch(f -> f.functionName().equals(name));
  }

  @Test
  void createAndDeleteAnswer201And204OnTheWire() throws Exception {
    String name = "wire-statuses";
    String body =
        "{\"FunctionName\":\""
            + name
            + "\",\"Runtime\":\"provided.al2023\",\"Role\":\""
            + TestServer.ROLE
            + "\",\"Handler\":\"h\",\"Code\":{\"ZipFile\":\""
            + Base64.getEncoder().encodeToString(ECHO)
            + "\"}}";

    HttpResponse<String> created =
        server.send(
            "POST",
            "/2015-03-31/functions",
            body.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(created.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(JSON.readTree(created.body()).get("FunctionName").asText()).isEqualTo(name);

    HttpResponse<String> deleted = server.send("DELETE", "/2015-03-31/functions/" + name, null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
  }

  // ---- errors ----

  @Test
  void anUnknownFunctionIsResourceNotFound() {
    String name = "never-created";
    String message = "Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name;

    assertError(
        thrownBy(
            ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name))),
        404,
        "ResourceNotFoundException",
        message);
    assertError(
        thrownBy(
            ResourceNotFoundException.class,
            () -> lambda.getFunctionConfiguration(b -> b.functionName(name))),
        404,
        "ResourceNotFoundException",
        message);
    assertError(
        thrownBy(
            ResourceNotFoundException.class,
            () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).memorySize(256))),
        404,
        "ResourceNotFoundException",
        message);
    assertError(
        thrownBy(ResourceNotFoundException.class, () -> lambda.invoke(b -> b.functionName(name))),
        404,
        "ResourceNotFoundException",
        message + ":$LATEST");
  }

  @Test
  void creatingAnExistingFunctionIsAConflict() {
    String name = "created-twice";
    CreateFunctionResponse first = server.create(name, ECHO);

    assertError(
        thrownBy(
            ResourceConflictException.class,
            () -> server.create(name, TestZips.bootstrap(Runtimes.labelled("other")))),
        409,
        "ResourceConflictException",
        "Function already exist: " + name);
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName(name)).codeSha256())
        .as("the first function is untouched")
        .isEqualTo(first.codeSha256());
  }

  @Test
  void aStaleRevisionIdIsAFailedPrecondition() {
    String name = "stale-revision";
    CreateFunctionResponse created = server.create(name, ECHO);
    String stale = UUID.randomUUID().toString();
    String message =
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id";

    assertError(
        thrownBy(
            PreconditionFailedException.class,
            () ->
                lambda.updateFunctionConfiguration(
                    b -> b.functionName(name).revisionId(stale).memorySize(512))),
        412,
        "PreconditionFailedException",
        message);
    assertError(
        thrownBy(
            PreconditionFailedException.class,
            () ->
                lambda.updateFunctionCode(
                    b ->
                        b.functionName(name)
                            .revisionId(stale)
                            .zipFile(
                                SdkBytes.fromByteArray(
                                    TestZips.bootstrap(Runtimes.labelled("x")))))),
        412,
        "PreconditionFailedException",
        message);
    var now = lambda.getFunctionConfiguration(b -> b.functionName(name));
    assertThat(now.memorySize()).isEqualTo(128);
    assertThat(now.codeSha256()).isEqualTo(created.codeSha256());
    assertThat(now.revisionId()).isEqualTo(created.revisionId());
  }

  @Test
  void memoryAndTimeoutOutOfRangeAreValidationErrors() {
    String name = "out-of-range";
    LambdaException memory =
        thrownBy(LambdaException.class, () -> server.create(name, ECHO, b -> b.memorySize(20000)));
    assertError(
        memory,
        400,
        "ValidationException",
        "1 validation error detected: Value '20000' at 'memorySize' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10240");
    LambdaException timeout =
        thrownBy(LambdaException.class, () -> server.create(name, ECHO, b -> b.timeout(1000)));
    assertError(
        timeout,
        400,
        "ValidationException",
        "1 validation error detected: Value '1000' at 'timeout' failed to satisfy constraint:"
            + " Member must have value less than or equal to 900");
    assertFunctionAbsent(name);

    server.create(name, ECHO);
    LambdaException update =
        thrownBy(
            LambdaException.class,
            () -> lambda.updateFunctionConfiguration(b -> b.functionName(name).timeout(1000)));
    assertThat(update.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName(name)).timeout()).isEqualTo(3);
  }

  @Test
  void aRoleThatIsNotAnIamRoleArnIsRefused() {
    String name = "bad-role";
    LambdaException e =
        thrownBy(
            LambdaException.class, () -> server.create(name, ECHO, b -> b.role("lambda-role")));
    assertError(
        e,
        400,
        "ValidationException",
        "1 validation error detected: Value 'lambda-role' at 'role' failed to satisfy constraint:"
            + " Member must satisfy regular expression pattern:"
            + " arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    assertFunctionAbsent(name);
  }

  @Test
  void anUnknownRuntimeIsRefused() {
    String name = "unknown-runtime";
    InvalidParameterValueException e =
        thrownBy(
            InvalidParameterValueException.class,
            () -> server.create(name, ECHO, b -> b.runtime("nodejs99.x")));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith(
            "Value nodejs99.x at 'runtime' failed to satisfy constraint: Member must satisfy enum"
                + " value set: [")
        .contains("provided.al2023", "provided.al2", "python3.12", "java21")
        .endsWith("] or be a valid ARN");
    assertFunctionAbsent(name);
  }

  @Test
  void aReservedEnvironmentKeyIsRefused() {
    String name = "reserved-env";
    assertError(
        thrownBy(
            InvalidParameterValueException.class,
            () -> server.create(name, ECHO, Map.of("GREETING", "hi", "AWS_REGION", "eu-west-1"))),
        400,
        "InvalidParameterValueException",
        "Lambda was unable to configure your environment variables because the environment"
            + " variables you have provided contains reserved keys that are currently not supported"
            + " for modification. Reserved keys used in this request: AWS_REGION");
    assertFunctionAbsent(name);
  }

  @Test
  void environmentVariablesOverFourKilobytesAreRefused() {
    String name = "env-too-big";
    String value = "v".repeat(4096 - "{\"BIG\":\"\"}".length() + 1);
    assertError(
        thrownBy(
            InvalidParameterValueException.class,
            () -> server.create(name, ECHO, Map.of("BIG", value))),
        400,
        "InvalidParameterValueException",
        "Lambda was unable to configure your environment variables because the environment"
            + " variables you have provided exceeded the 4KB limit. String measured: {\"BIG\":\""
            + value
            + "\"}");
    assertFunctionAbsent(name);

    String fits = value.substring(1);
    assertThat(server.create(name, ECHO, Map.of("BIG", fits)).environment().variables())
        .as("exactly 4096 bytes is allowed")
        .containsEntry("BIG", fits);
  }

  @Test
  void aCorruptZipIsRefused() {
    String name = "corrupt-zip";
    byte[] notAZip = "this is not a zip file at all".getBytes(StandardCharsets.UTF_8);
    assertError(
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, notAZip)),
        400,
        "InvalidParameterValueException",
        CORRUPT);
    byte[] truncated = java.util.Arrays.copyOf(ECHO, ECHO.length / 2);
    InvalidParameterValueException e =
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, truncated));
    assertThat(e.awsErrorDetails().errorMessage()).startsWith(CORRUPT);
    assertFunctionAbsent(name);
  }

  @Test
  void aZipSlipEntryIsRefusedAndWritesNothingOutsideTheCodeFolder() throws IOException {
    String name = "zip-slip";
    Set<String> codeBefore = codeFolder();
    byte[] zip =
        TestZips.zip()
            .executable("bootstrap", Runtimes.echo())
            .file("../evil", "escaped", 0644)
            .file("../../evil2", "escaped further", 0644)
            .bytes();

    InvalidParameterValueException e =
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, zip));

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage()).startsWith(CORRUPT).contains("../evil");
    assertFunctionAbsent(name);
    assertThat(filesNamed("evil", "evil2")).as("files written by the zip").isEmpty();
    assertThat(codeFolder()).as("the code folder after the refusal").isEqualTo(codeBefore);
  }

  @Test
  void aSymlinkToAFileOutsideThePackageIsRefused() throws IOException {
    String name = "symlink-out";
    Set<String> codeBefore = codeFolder();
    byte[] zip =
        TestZips.zip()
            .executable("bootstrap", Runtimes.echo())
            .symlink("passwd", "/etc/passwd")
            .bytes();

    InvalidParameterValueException e =
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, zip));

    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith(CORRUPT)
        .contains("'passwd'", "/etc/passwd");
    assertFunctionAbsent(name);
    assertThat(codeFolder()).isEqualTo(codeBefore);

    byte[] relative =
        TestZips.zip()
            .executable("bootstrap", Runtimes.echo())
            .symlink("up", "../../../../../../../../etc/passwd")
            .bytes();
    InvalidParameterValueException up =
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, relative));
    assertThat(up.awsErrorDetails().errorMessage()).startsWith(CORRUPT).contains("'up'");
    assertFunctionAbsent(name);
    assertThat(codeFolder()).isEqualTo(codeBefore);
  }

  @Test
  void aZipBombIsRefusedWhetherOrNotItDeclaresItsSize() throws IOException {
    String name = "zip-bomb";
    Set<String> codeBefore = codeFolder();
    byte[] bomb =
        TestZips.zip()
            .executable("bootstrap", Runtimes.echo())
            .zeros("zeros.bin", 300L * 1024 * 1024)
            .bytes();
    assertThat(bomb.length).as("the bomb is small").isLessThan(2 * 1024 * 1024);
    String message = "Unzipped size must be smaller than 262144000 bytes";

    assertError(
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, bomb)),
        400,
        "InvalidParameterValueException",
        message);
    assertFunctionAbsent(name);

    byte[] lying = declareUncompressedSize(bomb, "zeros.bin", 1024);
    assertError(
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, lying)),
        400,
        "InvalidParameterValueException",
        message);
    assertFunctionAbsent(name);
    assertThat(codeFolder()).as("no tree of the bomb is left").isEqualTo(codeBefore);
  }

  @Test
  void aPackageWithoutBootstrapIsAcceptedAsAwsDoesAndItsInvocationsSayWhatIsMissing() {
    String name = "no-bootstrap";
    byte[] zip =
        TestZips.zip()
            .executable("run.sh", Runtimes.echo())
            .file("README.md", "hello", 0644)
            .bytes();

    // AWS accepts it (deploy tools attach the layer with its bootstrap in a later call)
    assertThat(server.create(name, zip).stateReasonCodeAsString()).isEqualTo("Creating");

    var r = lambda.invoke(b -> b.functionName(name));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String())
        .contains("\"errorType\":\"Runtime.InvalidEntrypoint\"")
        .contains("Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]")
        .contains("no bootstrap", "run.sh", "README.md", "/var/task/bootstrap");
  }

  @Test
  void aBootstrapInASubfolderIsNamedWhenTheFunctionIsInvoked() {
    String name = "bootstrap-in-folder";
    byte[] zip = TestZips.zip().dir("build").executable("build/bootstrap", Runtimes.echo()).bytes();

    server.create(name, zip);

    var r = lambda.invoke(b -> b.functionName(name));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String())
        .contains("Runtime.InvalidEntrypoint")
        .contains("'build/bootstrap'");
  }

  @Test
  void aBootstrapWithoutTheExecuteBitIsRefused() {
    String name = "bootstrap-not-executable";
    byte[] zip = TestZips.zip().file("bootstrap", Runtimes.echo(), 0644).bytes();

    InvalidParameterValueException e =
        thrownBy(InvalidParameterValueException.class, () -> server.create(name, zip));

    assertThat(e.awsErrorDetails().errorMessage())
        .contains("bootstrap has no execute permission", "permission denied", "chmod 755");
    assertFunctionAbsent(name);
  }

  @Test
  void aMalformedJsonBodyIsInvalidRequestContent() throws Exception {
    HttpResponse<String> response =
        server.send(
            "POST",
            "/2015-03-31/functions",
            "{\"FunctionName\": \"half-a-request\", \"Role\":".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("InvalidRequestContentException");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("Type").asText()).isEqualTo("User");
    assertThat(body.get("message").asText()).startsWith("Could not parse request body into json");
    assertFunctionAbsent("half-a-request");
  }

  // ---- concurrency ----

  @Test
  void reservedConcurrencyIsSetReadAndRemoved() {
    String name = "concurrency-crud";
    server.create(name, ECHO);
    GetAccountSettingsResponse before = lambda.getAccountSettings(b -> {});
    assertThat(
            lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions())
        .as("no reservation yet")
        .isNull();

    assertThat(
            lambda
                .putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(25))
                .reservedConcurrentExecutions())
        .isEqualTo(25);

    assertThat(
            lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions())
        .isEqualTo(25);
    assertThat(
            lambda
                .getFunction(b -> b.functionName(name))
                .concurrency()
                .reservedConcurrentExecutions())
        .isEqualTo(25);
    GetAccountSettingsResponse reserved = lambda.getAccountSettings(b -> {});
    assertThat(reserved.accountLimit().concurrentExecutions()).isEqualTo(1000);
    assertThat(reserved.accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(before.accountLimit().unreservedConcurrentExecutions() - 25);

    lambda.deleteFunctionConcurrency(b -> b.functionName(name));

    assertThat(
            lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions())
        .isNull();
    assertThat(lambda.getFunction(b -> b.functionName(name)).concurrency()).isNull();
    assertThat(lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(before.accountLimit().unreservedConcurrentExecutions());
  }

  @Test
  void accountSettingsCountFunctionsAndCodeSize() {
    GetAccountSettingsResponse before = lambda.getAccountSettings(b -> {});
    byte[] zip = TestZips.bootstrap(Runtimes.labelled("account-settings"));

    server.create("account-settings-count", zip);

    GetAccountSettingsResponse after = lambda.getAccountSettings(b -> {});
    assertThat(after.accountUsage().functionCount())
        .isEqualTo(before.accountUsage().functionCount() + 1);
    assertThat(after.accountUsage().totalCodeSize())
        .isEqualTo(before.accountUsage().totalCodeSize() + zip.length);
    assertThat(after.accountLimit().codeSizeUnzipped()).isEqualTo(262144000L);
    assertThat(after.accountLimit().codeSizeZipped()).isEqualTo(52428800L);
    assertThat(after.accountLimit().totalCodeSize()).isEqualTo(80530636800L);

    lambda.deleteFunction(b -> b.functionName("account-settings-count"));
    assertThat(lambda.getAccountSettings(b -> {}).accountUsage().functionCount())
        .isEqualTo(before.accountUsage().functionCount());
  }

  @Test
  void aReservationLeavingFewerThanOneHundredUnreservedIsRefused() {
    String name = "concurrency-minimum";
    server.create(name, ECHO);
    int unreserved =
        lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions();

    assertError(
        thrownBy(
            InvalidParameterValueException.class,
            () ->
                lambda.putFunctionConcurrency(
                    b -> b.functionName(name).reservedConcurrentExecutions(unreserved - 99))),
        400,
        "InvalidParameterValueException",
        "Specified ReservedConcurrentExecutions for function decreases account's"
            + " UnreservedConcurrentExecution below its minimum value of [100].");
    assertThat(
            lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions())
        .isNull();

    lambda.putFunctionConcurrency(
        b -> b.functionName(name).reservedConcurrentExecutions(unreserved - 100));
    assertThat(lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions())
        .as("exactly 100 left is allowed")
        .isEqualTo(100);
    lambda.deleteFunction(b -> b.functionName(name));
    assertThat(lambda.getAccountSettings(b -> {}).accountLimit().unreservedConcurrentExecutions())
        .as("deleting the function frees its reservation")
        .isEqualTo(unreserved);
  }

  // ---- listing ----

  @Test
  void listFunctionsPagesAtMostFiftyWithMarkers() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      String name = String.format("page-%02d", i);
      server.create(name, ECHO);
      names.add(name);
    }

    ListFunctionsResponse defaultPage = lambda.listFunctions(b -> {});
    assertThat(defaultPage.functions()).hasSize(50);
    assertThat(defaultPage.nextMarker()).isNotNull();
    ListFunctionsResponse hugeMax = lambda.listFunctions(b -> b.maxItems(1000));
    assertThat(hugeMax.functions()).as("MaxItems above 50 still pages at 50").hasSize(50);

    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    while (true) {
      String m = marker;
      ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(20).marker(m));
      pages++;
      assertThat(page.functions()).hasSizeLessThanOrEqualTo(20).isNotEmpty();
      page.functions().forEach(f -> seen.add(f.functionName()));
      if (page.nextMarker() == null) {
        break;
      }
      marker = page.nextMarker();
      assertThat(pages).as("pagination ends").isLessThan(100);
    }
    assertThat(seen).doesNotHaveDuplicates().containsAll(names);
    assertThat((long) seen.size())
        .isEqualTo(lambda.getAccountSettings(b -> {}).accountUsage().functionCount());
    assertThat(pages).isEqualTo((seen.size() + 19) / 20);
  }

  // ---- helpers ----

  private static void assertFunctionAbsent(String name) {
    thrownBy(ResourceNotFoundException.class, () -> lambda.getFunction(b -> b.functionName(name)));
  }

  private static Set<String> codeFolder() throws IOException {
    try (Stream<Path> children = Files.list(server.dataDir().resolve("code"))) {
      return children
          .map(p -> p.getFileName().toString())
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  /**
   * Files with one of {@code names} anywhere under the test's folder (which holds the data dir).
   */
  private static List<Path> filesNamed(String... names) throws IOException {
    Set<String> wanted = Set.of(names);
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> wanted.contains(p.getFileName().toString())).toList();
    }
  }

  /**
   * Rewrites the uncompressed size the central directory declares for {@code entry}: the zip then
   * lies about how much it expands to.
   */
  private static byte[] declareUncompressedSize(byte[] zip, String entry, int size) {
    byte[] out = zip.clone();
    byte[] name = entry.getBytes(StandardCharsets.UTF_8);
    Map<Integer, Boolean> patched = new HashMap<>();
    for (int i = 0; i + 46 < out.length; i++) {
      if (out[i] == 0x50 && out[i + 1] == 0x4b && out[i + 2] == 0x01 && out[i + 3] == 0x02) {
        int nameLength = (out[i + 28] & 0xff) | (out[i + 29] & 0xff) << 8;
        if (nameLength == name.length
            && java.util.Arrays.equals(out, i + 46, i + 46 + nameLength, name, 0, name.length)) {
          out[i + 24] = (byte) size;
          out[i + 25] = (byte) (size >>> 8);
          out[i + 26] = (byte) (size >>> 16);
          out[i + 27] = (byte) (size >>> 24);
          patched.put(i, true);
        }
      }
    }
    assertThat(patched).as("central directory entries patched").hasSize(1);
    return out;
  }
}
