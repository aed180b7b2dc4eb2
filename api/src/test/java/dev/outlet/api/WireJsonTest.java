package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.PutFunctionConcurrencyRequest;
import dev.outlet.api.model.UpdateFunctionCodeRequest;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireJsonTest {
  private static <T> T bind(String s, Class<T> type) {
    return WireJson.read(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8), type);
  }

  private static CreateFunctionRequest create(String s) {
    return bind(s, CreateFunctionRequest.class);
  }

  private static void fails(String body, Class<?> type, ErrorCode code, String message) {
    assertThatThrownBy(() -> bind(body, type))
        .isInstanceOfSatisfying(
            LambdaException.class, e -> assertThat(e.code()).as(body).isEqualTo(code))
        .hasMessage(message);
  }

  private static String notANumber(String value, String member) {
    return "1 validation error detected: Value '"
        + value
        + "' at '"
        + member
        + "' failed to satisfy constraint: Member must be a number";
  }

  @Test
  void membersBindUnderAwsNamesAndAbsentOnesAreNull() {
    CreateFunctionRequest r =
        create(
            "{'FunctionName':'f','Role':'r','Runtime':'provided.al2','Handler':'h',"
                + "'Description':'d','Timeout':30,'MemorySize':256,'PackageType':'Zip',"
                + "'Environment':{'Variables':{'K1':'v'}},'Architectures':['arm64'],"
                + "'EphemeralStorage':{'Size':1024},'Layers':[],"
                + "'LoggingConfig':{'LogFormat':'JSON','ApplicationLogLevel':'WARN'},"
                + "'TracingConfig':{'Mode':'Active'},'Code':{'ZipFile':'UEsFBg=='}}");
    assertThat(r.functionName()).isEqualTo("f");
    assertThat(r.timeout()).isEqualTo(30);
    assertThat(r.memorySize()).isEqualTo(256);
    assertThat(r.environment().variables()).isEqualTo(Map.of("K1", "v"));
    assertThat(r.architectures()).containsExactly("arm64");
    assertThat(r.ephemeralStorage().size()).isEqualTo(1024);
    assertThat(r.loggingConfig().logFormat()).isEqualTo("JSON");
    assertThat(r.loggingConfig().applicationLogLevel()).isEqualTo("WARN");
    assertThat(r.loggingConfig().systemLogLevel()).isNull();
    assertThat(r.tracingConfig().mode()).isEqualTo("Active");
    assertThat(r.code().zipFile()).containsExactly('P', 'K', 5, 6);

    CreateFunctionRequest empty = create("{}");
    assertThat(empty.memorySize()).as("absent is not zero").isNull();
    assertThat(empty.timeout()).isNull();
    assertThat(empty.environment()).isNull();
    assertThat(empty.architectures()).isNull();
    assertThat(empty.tracingConfig()).isNull();
    assertThat(create("{'MemorySize':null,'Environment':null}").memorySize())
        .as("a JSON null is absent too")
        .isNull();
    assertThat(create("{'MemorySize':0}").memorySize()).isZero();
  }

  @Test
  void anEmptyBodyIsAnEmptyObjectAndUnknownMembersAreIgnored() {
    assertThat(WireJson.read(new byte[0], CreateFunctionRequest.class).functionName()).isNull();
    assertThat(
            create("{'FunctionName':'f','Publish':true,'Tags':{'a':'b'},'VpcConfig':{}}")
                .functionName())
        .isEqualTo("f");
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsInvalidRequestContent() {
    fails(
        "{nope",
        CreateFunctionRequest.class,
        ErrorCode.INVALID_REQUEST_CONTENT,
        "Could not parse request body into json: Unexpected character ('n' (code 110)): was"
            + " expecting double-quote to start field name");
    for (String notAnObject : new String[] {"[1]", "null", "42", "'text'"}) {
      fails(
          notAnObject,
          CreateFunctionRequest.class,
          ErrorCode.INVALID_REQUEST_CONTENT,
          "Could not parse request body into json: not an object");
    }
  }

  @Test
  void aNumberMemberHoldingAnythingElseIsMemberMustBeANumberWithTheValueAsWritten() {
    Map<String, String> values =
        Map.of(
            "'abc'", "abc",
            "'256'", "256",
            "''", "",
            "true", "true",
            "99999999999", "99999999999",
            "1e10", "1.0E10",
            "[]", "",
            "{}", "");
    values.forEach(
        (json, shown) ->
            fails(
                "{'MemorySize':" + json + "}",
                CreateFunctionRequest.class,
                ErrorCode.VALIDATION,
                notANumber(shown, "memorySize")));
    fails(
        "{'Timeout':'30'}",
        CreateFunctionRequest.class,
        ErrorCode.VALIDATION,
        notANumber("30", "timeout"));
    fails(
        "{'EphemeralStorage':{'Size':'x'}}",
        CreateFunctionRequest.class,
        ErrorCode.VALIDATION,
        notANumber("x", "ephemeralStorage.size"));
    fails(
        "{'ReservedConcurrentExecutions':'many'}",
        PutFunctionConcurrencyRequest.class,
        ErrorCode.VALIDATION,
        notANumber("many", "reservedConcurrentExecutions"));
  }

  @Test
  void aFractionalNumberIsTruncatedAsBefore() {
    assertThat(create("{'MemorySize':256.7}").memorySize()).isEqualTo(256);
  }

  @Test
  void aScalarWhereAStringIsExpectedIsReadAsItsText() {
    assertThat(create("{'Role':5,'Handler':true}").role()).isEqualTo("5");
    assertThat(create("{'Role':5,'Handler':true}").handler()).isEqualTo("true");
    assertThat(create("{'Environment':{'Variables':{'COUNT':3}}}").environment().variables())
        .containsEntry("COUNT", "3");
  }

  @Test
  void aMemberOfAnotherShapeIsInvalidRequestContentNamingIt() {
    String prefix = "Could not parse request body into json: ";
    Map<String, String> cases =
        Map.of(
            "{'Role':{}}", "Role must be a string",
            "{'Architectures':'x86_64'}", "Architectures must be a list",
            "{'Environment':'x'}", "Environment must be an object",
            "{'Environment':{'Variables':{'K1':{}}}}", "Environment.Variables.K1 must be a string",
            "{'Layers':[{}]}", "Layers[0] must be a string",
            "{'Code':{'ZipFile':{}}}", "Code.ZipFile must be a base64 string");
    cases.forEach(
        (body, message) ->
            fails(
                body,
                CreateFunctionRequest.class,
                ErrorCode.INVALID_REQUEST_CONTENT,
                prefix + message));
  }

  @Test
  void aZipFileThatIsNotBase64IsAPackageAwsCannotOpen() {
    fails(
        "{'Code':{'ZipFile':'QUJD=A'}}",
        CreateFunctionRequest.class,
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Could not unzip uploaded file. Please check your file, then try to upload again.");
    assertThat(bind("{'ZipFile':'UEsF\\r\\nBg=='}", UpdateFunctionCodeRequest.class).zipFile())
        .as("line breaks are skipped")
        .containsExactly('P', 'K', 5, 6);
    assertThat(create("{'Code':{'ZipFile':null}}").code().zipFile()).isNull();
  }
}
