package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.api.FunctionView.Detail;
import dev.outlet.api.model.Concurrency;
import dev.outlet.api.model.GetAccountSettingsResponse;
import dev.outlet.api.model.ListFunctionsResponse;
import dev.outlet.core.Account;
import dev.outlet.core.Architecture;
import dev.outlet.core.CodeRef;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LoggingConfig;
import dev.outlet.core.TracingMode;
import dev.outlet.edge.Protocol;
import dev.outlet.sandbox.SandboxSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The response records as the edge writes them: AWS's member names, order and omissions, compared
 * byte for byte with what Outlet answered when it rendered JSON trees.
 */
class FunctionViewTest {
  private static final Account ACCOUNT = new Account("us-east-1", "000000000000");
  private static final String ROLE = "arn:aws:iam::123456789012:role/r";
  private static final String RUNTIME_ARN =
      "arn:aws:lambda:us-east-1::runtime:f4d3739b1d5b7f8033f9649aa24975260d702e80bd1a7acf329eee9b89d52845";
  private static final FunctionConfig FULL =
      new FunctionConfig(
          "provided.al2023",
          "main",
          ROLE,
          "d",
          256,
          30,
          Architecture.ARM64,
          1024,
          Map.of("A", "1"),
          new LoggingConfig("JSON", "DEBUG", "WARN", "/g"));
  private static final FunctionConfig BARE =
      new FunctionConfig(
          "provided.al2", null, ROLE, "", 128, 3, Architecture.X86_64, 512, null, null);

  private static final String FULL_JSON =
      "{\"Architectures\":[\"arm64\"],\"CodeSha256\":\"q80=\",\"CodeSize\":1234,"
          + "\"Description\":\"d\",\"Environment\":{\"Variables\":{\"A\":\"1\"}},"
          + "\"EphemeralStorage\":{\"Size\":1024},"
          + "\"FunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:fn\","
          + "\"FunctionName\":\"fn\",\"Handler\":\"main\","
          + "\"LastModified\":\"2026-11-26T10:15:30.123+0000\",\"LastUpdateStatus\":\"Successful\","
          + "\"LoggingConfig\":{\"ApplicationLogLevel\":\"DEBUG\",\"LogFormat\":\"JSON\","
          + "\"LogGroup\":\"/g\",\"SystemLogLevel\":\"WARN\"},\"MemorySize\":256,"
          + "\"PackageType\":\"Zip\",\"RevisionId\":\"rev-1\",\"Role\":\""
          + ROLE
          + "\",\"Runtime\":\"provided.al2023\",\"RuntimeVersionConfig\":{\"RuntimeVersionArn\":\""
          + RUNTIME_ARN
          + "\"},\"SnapStart\":{\"ApplyOn\":\"None\",\"OptimizationStatus\":\"Off\"},"
          + "\"State\":\"Active\",\"Timeout\":30,\"TracingConfig\":{\"Mode\":\"PassThrough\"},"
          + "\"Version\":\"$LATEST\"}";

  private static final String BARE_JSON =
      "{\"Architectures\":[\"x86_64\"],\"CodeSha256\":\"q80=\",\"CodeSize\":1234,"
          + "\"Description\":\"\",\"EphemeralStorage\":{\"Size\":512},"
          + "\"FunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:fn\","
          + "\"FunctionName\":\"fn\",\"LastModified\":\"2026-11-26T10:15:30.123+0000\","
          + "\"LastUpdateStatus\":\"Successful\","
          + "\"LoggingConfig\":{\"LogFormat\":\"Text\",\"LogGroup\":\"/aws/lambda/fn\"},"
          + "\"MemorySize\":128,\"PackageType\":\"Zip\",\"RevisionId\":\"rev-1\",\"Role\":\""
          + ROLE
          + "\",\"Runtime\":\"provided.al2\",\"RuntimeVersionConfig\":{\"RuntimeVersionArn\":\""
          + RUNTIME_ARN
          + "\"},\"SnapStart\":{\"ApplyOn\":\"None\",\"OptimizationStatus\":\"Off\"},"
          + "\"State\":\"Active\",\"Timeout\":3,\"TracingConfig\":{\"Mode\":\"PassThrough\"},"
          + "\"Version\":\"$LATEST\"}";

  private static Deployed deployed(FunctionConfig c, int reserved) {
    return deployed(c, reserved, "$LATEST");
  }

  private static Deployed deployed(FunctionConfig c, int reserved, String version) {
    FunctionRecord r =
        new FunctionRecord(
            "fn",
            c,
            new CodeRef("ab".repeat(32), "q80=", 1234, 5678),
            new Entrypoint("bootstrap", Entrypoint.Kind.BOOTSTRAP, false, null),
            "rev-1",
            Instant.parse("2026-11-26T10:15:30.123456789Z"),
            reserved);
    LaunchPlan plan =
        new LaunchPlan(
            List.of("/var/task/bootstrap"),
            Path.of("/x"),
            null,
            null,
            Map.of(),
            List.of(),
            "provided:al2023.v1",
            List.of(),
            null,
            null);
    SandboxSpec s =
        new SandboxSpec(
            "k",
            "fn",
            version,
            c.runtime(),
            c.handler(),
            c.memorySize(),
            c.timeout(),
            c.ephemeralStorage(),
            c.architecture(),
            Path.of("/x"),
            null,
            plan,
            Map.of(),
            c.logging(),
            "us-east-1");
    return new Deployed(r, s);
  }

  /** {@code body} as the control plane's replies write it. */
  private static String wire(Object body) {
    return new String(Protocol.RestJson.reply(200, body).body(), StandardCharsets.UTF_8);
  }

  @Test
  void aFunctionConfigurationHasAwsMembersInAlphabeticalOrder() {
    assertThat(wire(FunctionView.configuration(deployed(FULL, -1), ACCOUNT, Detail.FULL)))
        .isEqualTo(FULL_JSON);
  }

  @Test
  void membersThatDoNotApplyAreLeftOut() {
    assertThat(wire(FunctionView.configuration(deployed(BARE, -1), ACCOUNT, Detail.FULL)))
        .as("no Environment when never set, no Handler when none was given")
        .isEqualTo(BARE_JSON);
  }

  @Test
  void listItemsOmitStateLastUpdateStatusAndRuntimeVersionConfig() {
    assertThat(wire(FunctionView.configuration(deployed(FULL, -1), ACCOUNT, Detail.LISTED)))
        .isEqualTo(
            FULL_JSON
                .replace("\"LastUpdateStatus\":\"Successful\",", "")
                .replace(
                    "\"RuntimeVersionConfig\":{\"RuntimeVersionArn\":\"" + RUNTIME_ARN + "\"},", "")
                .replace("\"State\":\"Active\",", ""));
  }

  @Test
  void anUpdateShowsItselfInProgressWithItsReasonsInPlace() {
    assertThat(wire(FunctionView.configuration(deployed(FULL, -1), ACCOUNT, Detail.UPDATING)))
        .isEqualTo(
            FULL_JSON.replace(
                "\"LastUpdateStatus\":\"Successful\",",
                "\"LastUpdateStatus\":\"InProgress\","
                    + "\"LastUpdateStatusReason\":\"The function is being created.\","
                    + "\"LastUpdateStatusReasonCode\":\"Creating\","));
  }

  @Test
  void theStoredTracingModeIsAnswered() {
    FunctionConfig active =
        new FunctionConfig(
            "provided.al2",
            null,
            ROLE,
            "",
            128,
            3,
            Architecture.X86_64,
            512,
            null,
            null,
            TracingMode.ACTIVE);
    assertThat(wire(FunctionView.configuration(deployed(active, -1), ACCOUNT, Detail.FULL)))
        .isEqualTo(BARE_JSON.replace("{\"Mode\":\"PassThrough\"}", "{\"Mode\":\"Active\"}"));
  }

  @Test
  void getFunctionHasConfigurationCodeAndConcurrencyOnlyWhenReserved() {
    CodeLinks links = new CodeLinks("http://h:1", InstantSource.fixed(Instant.ofEpochSecond(1000)));
    String code =
        "\"Code\":{\"RepositoryType\":\"S3\",\"Location\":\"" + links.link("ab".repeat(32)) + "\"}";
    assertThat(wire(FunctionView.function(deployed(BARE, 7), ACCOUNT, links)))
        .isEqualTo(
            "{\"Configuration\":"
                + BARE_JSON
                + ","
                + code
                + ",\"Concurrency\":{\"ReservedConcurrentExecutions\":7}}");
    assertThat(wire(FunctionView.function(deployed(BARE, -1), ACCOUNT, links)))
        .isEqualTo("{\"Configuration\":" + BARE_JSON + "," + code + "}");
  }

  @Test
  void listsConcurrencyAndAccountSettingsKeepTheirShapes() {
    assertThat(wire(new ListFunctionsResponse(List.of(), null))).isEqualTo("{\"Functions\":[]}");
    assertThat(wire(new ListFunctionsResponse(List.of(), "page-19")))
        .isEqualTo("{\"Functions\":[],\"NextMarker\":\"page-19\"}");
    assertThat(wire(new Concurrency(null))).isEqualTo("{}");
    assertThat(wire(new Concurrency(5))).isEqualTo("{\"ReservedConcurrentExecutions\":5}");
    assertThat(
            wire(
                new GetAccountSettingsResponse(
                    new GetAccountSettingsResponse.AccountLimit(1, 2, 3, 1000, 900),
                    new GetAccountSettingsResponse.AccountUsage(10, 2))))
        .isEqualTo(
            "{\"AccountLimit\":{\"TotalCodeSize\":1,\"CodeSizeUnzipped\":2,\"CodeSizeZipped\":3,"
                + "\"ConcurrentExecutions\":1000,\"UnreservedConcurrentExecutions\":900},"
                + "\"AccountUsage\":{\"TotalCodeSize\":10,\"FunctionCount\":2}}");
  }

  @Test
  void snapStartIsOnOnlyForAVersionPublishedWithIt() {
    FunctionConfig on =
        new FunctionConfig(
            "java21",
            "example.Handler",
            ROLE,
            "",
            512,
            3,
            Architecture.X86_64,
            512,
            null,
            null,
            null,
            null,
            dev.outlet.core.SnapStartApplyOn.PUBLISHED_VERSIONS);
    assertThat(wire(FunctionView.configuration(deployed(on, -1), ACCOUNT, Detail.FULL)))
        .contains(
            "\"SnapStart\":{\"ApplyOn\":\"PublishedVersions\",\"OptimizationStatus\":\"Off\"}");
    assertThat(wire(FunctionView.configuration(deployed(on, -1, "1"), ACCOUNT, Detail.FULL, "1")))
        .contains(
            "\"SnapStart\":{\"ApplyOn\":\"PublishedVersions\",\"OptimizationStatus\":\"On\"}");
    assertThat(wire(FunctionView.configuration(deployed(BARE, -1, "2"), ACCOUNT, Detail.FULL, "2")))
        .contains("\"SnapStart\":{\"ApplyOn\":\"None\",\"OptimizationStatus\":\"Off\"}");
  }
}
