package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.PutFunctionConcurrencyRequest;
import dev.outlet.api.model.UpdateFunctionCodeRequest;
import dev.outlet.api.model.UpdateFunctionConfigurationRequest;
import dev.outlet.core.Architecture;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LoggingConfig;
import dev.outlet.core.TracingMode;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lambda-execution-role";

  /** {@code s} (single quotes for double) bound as a {@code type}, as the REST path binds it. */
  private static <T> T bind(String s, Class<T> type) {
    return WireJson.read(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8), type);
  }

  private static CreateFunctionRequest create(String s) {
    return bind(s, CreateFunctionRequest.class);
  }

  private static UpdateFunctionConfigurationRequest update(String s) {
    return bind(s, UpdateFunctionConfigurationRequest.class);
  }

  private static dev.outlet.api.model.LoggingConfig logging(String s) {
    return bind(s, dev.outlet.api.model.LoggingConfig.class);
  }

  private static java.util.List<String> architectures(String s) {
    return create(s).architectures();
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
        RequestValidator.config(
            create("{'Role':'" + ROLE + "','Runtime':'provided.al2','Handler':'main'}"), null);
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
            RequestValidator.config(
                create("{'Role':'" + ROLE + "','Runtime':'provided.al2','Timeout':1000}"), null),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value '1000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    fails(
        () ->
            RequestValidator.config(
                create("{'Role':'" + ROLE + "','Runtime':'provided.al2','MemorySize':64}"), null),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
  }

  @Test
  void aBadRoleIsAValidationException() {
    assertThatThrownBy(
            () ->
                RequestValidator.config(create("{'Role':'admin','Runtime':'provided.al2'}"), null))
        .hasMessageStartingWith(
            "1 validation error detected: Value 'admin' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:");
  }

  @Test
  void runtimesAreCheckedAgainstAwsAndOutletsLists() {
    assertThatThrownBy(
            () ->
                RequestValidator.config(create("{'Role':'" + ROLE + "','Runtime':'cobol'}"), null))
        .hasMessageStartingWith(
            "Value cobol at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [");
    assertThatThrownBy(
            () ->
                RequestValidator.config(
                    create("{'Role':'" + ROLE + "','Runtime':'python3.8'}"), null))
        .hasMessageStartingWith("The runtime parameter of python3.8 is no longer supported");
    assertThat(
            RequestValidator.config(
                    create("{'Role':'" + ROLE + "','Runtime':'python3.12','Handler':'a.b'}"), null)
                .runtime())
        .as("whether this host runs it is the runtime planner's to say")
        .isEqualTo("python3.12");
    assertThat(
            RequestValidator.config(
                    create("{'Role':'" + ROLE + "','Runtime':'go1.x','Handler':'main'}"), null)
                .runtime())
        .isEqualTo("go1.x");
  }

  @Test
  void architecturesMustBeExactlyOneKnownValue() {
    assertThatThrownBy(
            () ->
                RequestValidator.architecture(
                    architectures("{'Architectures':['x86_64','arm64']}"), Architecture.X86_64))
        .hasMessage(
            "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1");
    assertThatThrownBy(
            () ->
                RequestValidator.architecture(
                    architectures("{'Architectures':['X86_64']}"), Architecture.X86_64))
        .hasMessageContaining("Member must satisfy enum value set: [x86_64, arm64]");
    assertThat(
            RequestValidator.architecture(
                architectures("{'Architectures':['arm64']}"), Architecture.X86_64))
        .isEqualTo(Architecture.ARM64);
  }

  @Test
  void environmentRulesRefuseReservedKeysAndMoreThanFourKilobytes() {
    fails(
        () ->
            RequestValidator.config(
                create(
                    "{'Role':'"
                        + ROLE
                        + "','Runtime':'provided.al2','Environment':{'Variables':{'AWS_REGION':'x'}}}"),
                null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION");
    String big = "v".repeat(5000);
    assertThatThrownBy(
            () ->
                RequestValidator.config(
                    create(
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
        RequestValidator.config(
            create(
                "{'Role':'"
                    + ROLE
                    + "','Runtime':'provided.al2','Handler':'main','MemorySize':512}"),
            null);
    FunctionConfig next = RequestValidator.config(update("{'Timeout':30}"), base);
    assertThat(next.timeout()).isEqualTo(30);
    assertThat(next.memorySize()).isEqualTo(512);
    assertThat(next.handler()).isEqualTo("main");
  }

  @Test
  void malformedJsonIsInvalidRequestContent() {
    assertThatThrownBy(() -> create("{nope"))
        .isInstanceOf(LambdaException.class)
        .hasMessageStartingWith("Could not parse request body into json:");
  }

  @Test
  void aFortyFiveMegabyteZipParsesAndDecodes() {
    byte[] zip = new byte[45 * 1024 * 1024];
    new java.util.Random(7).nextBytes(zip);
    String body =
        "{\"Code\":{\"ZipFile\":\"" + java.util.Base64.getEncoder().encodeToString(zip) + "\"}}";
    CreateFunctionRequest request =
        WireJson.read(body.getBytes(StandardCharsets.US_ASCII), CreateFunctionRequest.class);
    assertThat(RequestValidator.zipFile(request.code())).isEqualTo(zip);
  }

  @Test
  void functionNamesAreCheckedAsOnCreate() {
    assertThat(RequestValidator.functionName(create("{'FunctionName':'my-fn_1'}")))
        .isEqualTo("my-fn_1");
    fails(
        () -> RequestValidator.functionName(create("{'FunctionName':'" + "a".repeat(65) + "'}")),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "1 validation error detected: Value '"
            + "a".repeat(65)
            + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64");
    assertThatThrownBy(() -> RequestValidator.functionName(create("{'FunctionName':'a.b'}")))
        .hasMessageContaining("Member must satisfy regular expression pattern");
  }

  @Test
  void loggingConfigDefaultsToTextAndJsonBringsInfoLevels() {
    assertThat(
            RequestValidator.config(
                    create("{'Role':'" + ROLE + "','Runtime':'python3.12','Handler':'a.b'}"), null)
                .logging())
        .isEqualTo(LoggingConfig.DEFAULT);
    LoggingConfig json = LoggingRules.apply(logging("{'LogFormat':'JSON'}"), LoggingConfig.DEFAULT);
    assertThat(json).isEqualTo(new LoggingConfig("JSON", "INFO", "INFO", null));
    assertThat(LoggingRules.apply(logging("{'ApplicationLogLevel':'DEBUG','LogGroup':'/g'}"), json))
        .isEqualTo(new LoggingConfig("JSON", "DEBUG", "INFO", "/g"));
    assertThat(LoggingRules.apply(logging("{'LogFormat':'Text'}"), json))
        .as("levels go with the JSON format")
        .isEqualTo(new LoggingConfig("Text", null, null, null));
  }

  @Test
  void aLogLevelWithTheTextFormatIsRefusedAsAwsRefusesIt() {
    assertThatThrownBy(
            () ->
                LoggingRules.apply(
                    logging("{'LogFormat':'Text','SystemLogLevel':'INFO'}"), LoggingConfig.DEFAULT))
        .hasMessage(
            "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from"
                + " your request or change the LogFormat to \"JSON\" and try again.");
    assertThatThrownBy(
            () ->
                LoggingRules.apply(
                    logging("{'LogFormat':'JSON','ApplicationLogLevel':'LOUD'}"),
                    LoggingConfig.DEFAULT))
        .hasMessage(
            "1 validation error detected: Value 'LOUD' at 'loggingConfig.applicationLogLevel'"
                + " failed to satisfy constraint: Member must satisfy enum value set: [TRACE,"
                + " DEBUG, INFO, WARN, ERROR, FATAL]");
    assertThatThrownBy(
            () -> LoggingRules.apply(logging("{'LogGroup':'no spaces'}"), LoggingConfig.DEFAULT))
        .hasMessageContaining("at 'loggingConfig.logGroup' failed to satisfy constraint");
  }

  @Test
  void tracingDefaultsToPassThroughAndActiveIsKeptUntilAnUpdateNamesAnotherMode() {
    String minimal = "{'Role':'" + ROLE + "','Runtime':'provided.al2','Handler':'main'";
    assertThat(RequestValidator.config(create(minimal + "}"), null).tracing())
        .isEqualTo(TracingMode.PASS_THROUGH);
    FunctionConfig active =
        RequestValidator.config(create(minimal + ",'TracingConfig':{'Mode':'Active'}}"), null);
    assertThat(active.tracing()).isEqualTo(TracingMode.ACTIVE);

    assertThat(RequestValidator.config(update("{'Timeout':30}"), active).tracing())
        .as("an update without TracingConfig keeps the mode")
        .isEqualTo(TracingMode.ACTIVE);
    assertThat(RequestValidator.config(update("{'TracingConfig':{}}"), active).tracing())
        .as("a TracingConfig without Mode keeps it too")
        .isEqualTo(TracingMode.ACTIVE);
    assertThat(
            RequestValidator.config(update("{'TracingConfig':{'Mode':'PassThrough'}}"), active)
                .tracing())
        .isEqualTo(TracingMode.PASS_THROUGH);
  }

  @Test
  void aTracingModeOutsideAwsEnumIsAValidationException() {
    for (String mode : new String[] {"active", "Off", ""}) {
      fails(
          () ->
              RequestValidator.config(update("{'TracingConfig':{'Mode':'" + mode + "'}}"), base()),
          ErrorCode.VALIDATION,
          "1 validation error detected: Value '"
              + mode
              + "' at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [Active, PassThrough]");
    }
  }

  @Test
  void eachLoggingEnumRefusesValuesOutsideItsSet() {
    fails(
        () -> LoggingRules.apply(logging("{'LogFormat':'json'}"), LoggingConfig.DEFAULT),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'json' at 'loggingConfig.logFormat' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [JSON, Text]");
    fails(
        () ->
            LoggingRules.apply(
                logging("{'LogFormat':'JSON','SystemLogLevel':'ERROR'}"), LoggingConfig.DEFAULT),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'ERROR' at 'loggingConfig.systemLogLevel' failed to"
            + " satisfy constraint: Member must satisfy enum value set: [DEBUG, INFO, WARN]");
  }

  @Test
  void anUpdateOfTheConfigurationKeepsTheArchitectureItCannotName() {
    FunctionConfig arm =
        RequestValidator.config(
            create(
                "{'Role':'"
                    + ROLE
                    + "','Runtime':'provided.al2','Handler':'main','Architectures':['arm64']}"),
            null);
    assertThat(RequestValidator.config(update("{'Architectures':['x86_64']}"), arm).architecture())
        .as("UpdateFunctionConfiguration has no Architectures member: it is ignored as unknown")
        .isEqualTo(Architecture.ARM64);
  }

  @Test
  void theCodeMustBeAZipFileGivenInline() {
    fails(
        () -> RequestValidator.zipFile(create("{}").code()),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'null' at 'code' failed to satisfy constraint: Member"
            + " must not be null");
    fails(
        () -> RequestValidator.zipFile(create("{'Code':{'S3Bucket':'b','S3Key':'k'}}").code()),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Outlet has no S3: upload the package itself (aws lambda ... --zip-file"
            + " fileb://function.zip).");
    fails(
        () -> RequestValidator.zipFile(create("{'Code':{'ImageUri':'repo/img:1'}}").code()),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Please don't provide ImageUri when the intended function PackageType is Zip.");
    fails(
        () -> RequestValidator.zipFile(create("{'Code':{}}").code()),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Please provide a source for function code: ZipFile (aws lambda ... --zip-file"
            + " fileb://function.zip).");
    assertThat(
            RequestValidator.zipFile(
                bind("{'ZipFile':'UEsFBg=='}", UpdateFunctionCodeRequest.class).code()))
        .as("UpdateFunctionCode carries the same members at its top level")
        .containsExactly('P', 'K', 5, 6);
  }

  @Test
  void aZipOverFiftyMegabytesIsTooLarge() {
    byte[] big = new byte[(int) dev.outlet.core.Limits.ZIPPED_CODE + 1];
    fails(
        () -> RequestValidator.zipFile(dev.outlet.api.model.FunctionCode.zip(big)),
        ErrorCode.REQUEST_ENTITY_TOO_LARGE,
        "Zipped size must be smaller than 52428800 bytes");
  }

  @Test
  void reservedConcurrencyIsRequired() {
    fails(
        () ->
            RequestValidator.reservedConcurrency(
                bind("{}", PutFunctionConcurrencyRequest.class).reservedConcurrentExecutions()),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'null' at 'reservedConcurrentExecutions' failed to"
            + " satisfy constraint: Member must not be null");
    assertThat(
            RequestValidator.reservedConcurrency(
                bind("{'ReservedConcurrentExecutions':0}", PutFunctionConcurrencyRequest.class)
                    .reservedConcurrentExecutions()))
        .isZero();
  }

  @Test
  void layerArnsFollowAwssPattern() {
    fails(
        () ->
            RequestValidator.config(
                create("{'Role':'" + ROLE + "','Runtime':'provided.al2','Layers':['arn:layer:1']}"),
                null),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'arn:layer:1' at 'layers' failed to satisfy"
            + " constraint: Member must satisfy constraint: [Member must have length less than or"
            + " equal to 140, Member must have length greater than or equal to 1, Member must"
            + " satisfy regular expression pattern:"
            + " arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+]");
    String arn = "'arn:aws:lambda:us-east-1:000000000000:layer:lib:1'";
    fails(
        () ->
            RequestValidator.config(
                create(
                    "{'Role':'"
                        + ROLE
                        + "','Runtime':'provided.al2','Layers':["
                        + String.join(",", java.util.Collections.nCopies(6, arn))
                        + "]}"),
                null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Cannot reference more than 5 layers.");
    assertThat(
            RequestValidator.config(
                    create(
                        "{'Role':'" + ROLE + "','Runtime':'provided.al2','Layers':[" + arn + "]}"),
                    null)
                .layers())
        .as("resolved by the control plane, not here")
        .isEmpty();
    assertThat(
            RequestValidator.config(
                    create("{'Role':'" + ROLE + "','Runtime':'provided.al2','Layers':[]}"), null)
                .runtime())
        .as("no layers is fine")
        .isEqualTo("provided.al2");
  }

  @Test
  void anImageFunctionNeedsNoRuntimeAndRefusesHandlerRuntimeAndLayersAsAwsDoes() {
    FunctionConfig c =
        RequestValidator.config(create("{'Role':'" + ROLE + "','PackageType':'Image'}"), null);
    assertThat(c.runtime()).isNull();
    assertThat(c.handler()).isNull();
    String refused =
        "Please don't provide Handler or Runtime or Layer when the intended function PackageType"
            + " is Image.";
    fails(
        () ->
            RequestValidator.config(
                create("{'Role':'" + ROLE + "','PackageType':'Image','Runtime':'python3.12'}"),
                null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        refused);
    fails(
        () ->
            RequestValidator.config(
                create("{'Role':'" + ROLE + "','PackageType':'Image','Handler':'app.handler'}"),
                null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        refused);
    fails(
        () ->
            RequestValidator.config(
                create("{'Role':'" + ROLE + "','PackageType':'Image','Layers':[]}"), null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        refused);
    fails(
        () ->
            RequestValidator.config(
                update("{'Runtime':'python3.12'}"),
                RequestValidator.config(
                    create("{'Role':'" + ROLE + "','PackageType':'Image'}"), null)),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Please don't provide Handler or Runtime or Layer when updating a function with"
            + " packageType Image.");
    fails(
        () ->
            RequestValidator.config(
                create(
                    "{'Role':'"
                        + ROLE
                        + "','Runtime':'python3.12','Handler':'a.b','ImageConfig':{'Command':['x']}}"),
                null),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Please don't provide ImageConfig when the intended function PackageType is Zip.");
    fails(
        () ->
            RequestValidator.config(create("{'Role':'" + ROLE + "','PackageType':'Docker'}"), null),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'Docker' at 'packageType' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [Zip, Image]");
  }

  @Test
  void anImageFunctionsCodeIsItsImageUriAndItsImageConfigIsKeptAsSet() {
    assertThat(
            RequestValidator.imageUri(
                create("{'Code':{'ImageUri':'127.0.0.1:9000/fn:v1'}}").code(), true))
        .isEqualTo("127.0.0.1:9000/fn:v1");
    fails(
        () -> RequestValidator.imageUri(create("{'Code':{}}").code(), true),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Please provide ImageUri when the intended function PackageType is Image.");
    fails(
        () -> RequestValidator.imageUri(create("{'Code':{'ZipFile':'UEsFBg=='}}").code(), false),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Please provide ImageUri when updating a function with packageType Image.");
    dev.outlet.core.ImageSettings s =
        RequestValidator.imageSettings(
            create("{'ImageConfig':{'Command':['app.handler'],'WorkingDirectory':'/srv'}}")
                .imageConfig());
    assertThat(s.entryPoint()).isNull();
    assertThat(s.command()).containsExactly("app.handler");
    assertThat(s.workingDirectory()).isEqualTo("/srv");
    assertThat(RequestValidator.imageSettings(null).empty()).isTrue();
  }

  @Test
  void aNullEnvironmentValueIsRefusedAndAnEmptyEnvironmentIsKeptEmpty() {
    fails(
        () -> RequestValidator.config(update("{'Environment':{'Variables':{'KEY':null}}}"), base()),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value '[KEY]' at 'environment.variables' failed to satisfy"
            + " constraint: Map value must satisfy constraint: [Member must not be null]");
    assertThat(RequestValidator.config(update("{'Environment':{}}"), base()).environment())
        .as("Environment without Variables sets an empty map (AWS then shows {\"Variables\":{}})")
        .isEmpty();
  }

  private static FunctionConfig base() {
    return RequestValidator.config(
        create("{'Role':'" + ROLE + "','Runtime':'provided.al2','Handler':'main'}"), null);
  }
}
