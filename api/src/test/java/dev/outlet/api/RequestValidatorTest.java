package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.core.Architecture;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LoggingConfig;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FunctionRequestsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lambda-execution-role";

  private static JsonNode json(String s) {
    return FunctionRequests.parse(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static void fails(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(LambdaException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((LambdaException) e).code()).isEqualTo(code));
  }

  @Test
  void aMinimalCreateGetsAwsDefaults() {
    FunctionConfig c =
        FunctionRequests.config(
            json("{'Role':'" + ROLE + "','Runtime':'provided.al2','Handler':'main'}"), null);
    assertThat(c.memorySize()).isEqualTo(128);
    assertThat(c.timeout()).isEqualTo(3);
    assertThat(c.ephemeralStorage()).isEqualTo(512);
    assertThat(c.architecture()).isEqualTo(Architecture.X86_64);
    assertThat(c.description()).isEmpty();
    assertThat(c.environment()).isNull();
  }

  @Test
  void limitsAreValidationExceptionsWithAwsWording() {
    fails(
        () ->
            FunctionRequests.config(
                json("{'Role':'" + ROLE + "','Runtime':'provided.al2','Timeout':1000}"), null),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value '1000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    fails(
        () ->
            FunctionRequests.config(
                json("{'Role':'" + ROLE + "','Runtime':'provided.al2','MemorySize':64}"), null),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
  }

  @Test
  void aBadRoleIsAValidationException() {
    assertThatThrownBy(
            () -> FunctionRequests.config(json("{'Role':'admin','Runtime':'provided.al2'}"), null))
        .hasMessageStartingWith(
            "1 validation error detected: Value 'admin' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:");
  }

  @Test
  void runtimesAreCheckedAgainstAwsAndOutletsLists() {
    assertThatThrownBy(
            () -> FunctionRequests.config(json("{'Role':'" + ROLE + "','Runtime':'cobol'}"), null))
        .hasMessageStartingWith(
            "Value cobol at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [");
    assertThatThrownBy(
            () ->
                FunctionRequests.config(
                    json("{'Role':'" + ROLE + "','Runtime':'python3.8'}"), null))
        .hasMessageStartingWith("The runtime parameter of python3.8 is no longer supported");
    assertThat(
            FunctionRequests.config(
                    json("{'Role':'" + ROLE + "','Runtime':'python3.12','Handler':'a.b'}"), null)
                .runtime())
        .as("whether this host runs it is the runtime planner's to say")
        .isEqualTo("python3.12");
    assertThat(
            FunctionRequests.config(
                    json("{'Role':'" + ROLE + "','Runtime':'go1.x','Handler':'main'}"), null)
                .runtime())
        .isEqualTo("go1.x");
  }

  @Test
  void architecturesMustBeExactlyOneKnownValue() {
    assertThatThrownBy(
            () ->
                FunctionRequests.architecture(
                    json("{'Architectures':['x86_64','arm64']}"), Architecture.X86_64))
        .hasMessage(
            "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1");
    assertThatThrownBy(
            () ->
                FunctionRequests.architecture(
                    json("{'Architectures':['X86_64']}"), Architecture.X86_64))
        .hasMessageContaining("Member must satisfy enum value set: [x86_64, arm64]");
    assertThat(
            FunctionRequests.architecture(json("{'Architectures':['arm64']}"), Architecture.X86_64))
        .isEqualTo(Architecture.ARM64);
  }

  @Test
  void environmentRulesRefuseReservedKeysAndMoreThanFourKilobytes() {
    fails(
        () ->
            FunctionRequests.config(
                json(
                    "{'Role':'"
                        + ROLE
                        + "','Runtime':'provided.al2','Environment':{'Variables':{'AWS_REGION':'x'}}}"),
                null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION");
    String big = "v".repeat(5000);
    assertThatThrownBy(
            () ->
                FunctionRequests.config(
                    json(
                        "{'Role':'"
                            + ROLE
                            + "','Runtime':'provided.al2','Environment':{'Variables':{'K1':'"
                            + big
                            + "'}}}"),
                    null))
        .hasMessageStartingWith(
            "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {\"K1\":\"vvv");
  }

  @Test
  void anUpdateChangesOnlyWhatItNames() {
    FunctionConfig base =
        FunctionRequests.config(
            json(
                "{'Role':'"
                    + ROLE
                    + "','Runtime':'provided.al2','Handler':'main','MemorySize':512}"),
            null);
    FunctionConfig next = FunctionRequests.config(json("{'Timeout':30}"), base);
    assertThat(next.timeout()).isEqualTo(30);
    assertThat(next.memorySize()).isEqualTo(512);
    assertThat(next.handler()).isEqualTo("main");
  }

  @Test
  void malformedJsonIsInvalidRequestContent() {
    assertThatThrownBy(() -> FunctionRequests.parse("{nope".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LambdaException.class)
        .hasMessageStartingWith("Could not parse request body into json:");
  }

  @Test
  void aFortyFiveMegabyteZipParsesAndDecodes() {
    byte[] zip = new byte[45 * 1024 * 1024];
    new java.util.Random(7).nextBytes(zip);
    String body =
        "{\"Code\":{\"ZipFile\":\"" + java.util.Base64.getEncoder().encodeToString(zip) + "\"}}";
    JsonNode n = FunctionRequests.parse(body.getBytes(StandardCharsets.US_ASCII));
    assertThat(FunctionRequests.zipFile(n.get("Code"))).isEqualTo(zip);
  }

  @Test
  void functionNamesAreCheckedAsOnCreate() {
    assertThat(FunctionRequests.functionName(json("{'FunctionName':'my-fn_1'}")))
        .isEqualTo("my-fn_1");
    fails(
        () -> FunctionRequests.functionName(json("{'FunctionName':'" + "a".repeat(65) + "'}")),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "1 validation error detected: Value '"
            + "a".repeat(65)
            + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64");
    assertThatThrownBy(() -> FunctionRequests.functionName(json("{'FunctionName':'a.b'}")))
        .hasMessageContaining("Member must satisfy regular expression pattern");
  }

  @Test
  void loggingConfigDefaultsToTextAndJsonBringsInfoLevels() {
    assertThat(
            FunctionRequests.config(
                    json("{'Role':'" + ROLE + "','Runtime':'python3.12','Handler':'a.b'}"), null)
                .logging())
        .isEqualTo(LoggingConfig.DEFAULT);
    LoggingConfig json =
        FunctionRequests.logging(json("{'LogFormat':'JSON'}"), LoggingConfig.DEFAULT);
    assertThat(json).isEqualTo(new LoggingConfig("JSON", "INFO", "INFO", null));
    assertThat(
            FunctionRequests.logging(json("{'ApplicationLogLevel':'DEBUG','LogGroup':'/g'}"), json))
        .isEqualTo(new LoggingConfig("JSON", "DEBUG", "INFO", "/g"));
    assertThat(FunctionRequests.logging(json("{'LogFormat':'Text'}"), json))
        .as("levels go with the JSON format")
        .isEqualTo(new LoggingConfig("Text", null, null, null));
  }

  @Test
  void aLogLevelWithTheTextFormatIsRefusedAsAwsRefusesIt() {
    assertThatThrownBy(
            () ->
                FunctionRequests.logging(
                    json("{'LogFormat':'Text','SystemLogLevel':'INFO'}"), LoggingConfig.DEFAULT))
        .hasMessage(
            "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from"
                + " your request or change the LogFormat to \"JSON\" and try again.");
    assertThatThrownBy(
            () ->
                FunctionRequests.logging(
                    json("{'LogFormat':'JSON','ApplicationLogLevel':'LOUD'}"),
                    LoggingConfig.DEFAULT))
        .hasMessage(
            "1 validation error detected: Value 'LOUD' at 'loggingConfig.applicationLogLevel'"
                + " failed to satisfy constraint: Member must satisfy enum value set: [TRACE,"
                + " DEBUG, INFO, WARN, ERROR, FATAL]");
    assertThatThrownBy(
            () -> FunctionRequests.logging(json("{'LogGroup':'no spaces'}"), LoggingConfig.DEFAULT))
        .hasMessageContaining("at 'loggingConfig.logGroup' failed to satisfy constraint");
  }
}
