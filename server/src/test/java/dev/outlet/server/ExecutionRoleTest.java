package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.iam.AccessKey;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --auth iam} end to end, as a team would use it: roles made with {@code aws iam}, functions
 * whose code calls Outlet through boto3 with their execution role's credentials, users limited by
 * managed policies, a function policy letting another user in, and the seed's classic failure (a
 * role without CloudWatch Logs permissions: the function runs, its logs never appear).
 */
class ExecutionRoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "000000000000";
  private static final String LAMBDA_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String BASIC =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli admin;
  private static AccessKey adminKey;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    adminKey = server.server().createdAdministrator().orElseThrow();
    admin = cli(adminKey.accessKeyId(), adminKey.secret());
    role("callee-role", LAMBDA_TRUST, BASIC);
    role("caller-role", LAMBDA_TRUST, BASIC);
    admin
        .run(
            "iam",
            "put-role-policy",
            "--role-name",
            "caller-role",
            "--policy-name",
            "invoke-callee",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:*:*:function:callee\"}]}")
        .ok();
    role("plain-role", LAMBDA_TRUST, BASIC);
    role("silent-role", LAMBDA_TRUST, null);
    create("callee", "callee-role", "hello");
    create("allowed-caller", "caller-role", "invoker");
    create("denied-caller", "plain-role", "invoker");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static AwsCli cli(String id, String secret) {
    return new AwsCli(server.endpoint(), root.resolve("cli"), id, secret);
  }

  private static String roleArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  private static void role(String name, String trust, String managed) {
    admin
        .run("iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust)
        .ok();
    if (managed != null) {
      admin.run("iam", "attach-role-policy", "--role-name", name, "--policy-arn", managed).ok();
    }
  }

  private static JsonNode create(String name, String role, String folder) {
    return new CliFunctions(admin, root.resolve("zips"), roleArn(role))
        .create(
            name,
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", folder),
            "--timeout",
            "30");
  }

  private static JsonNode invoke(AwsCli as, String function, String payload) throws Exception {
    Path out = Files.createTempFile(root, "out", ".json");
    AwsCli.Run run =
        as.run(
            "lambda",
            "invoke",
            "--function-name",
            function,
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            payload,
            out.toString());
    assertThat(run.ok().get("StatusCode").asInt()).isEqualTo(200);
    return JSON.readTree(Files.readString(out));
  }

  @Test
  void aFunctionCallsAnotherThroughTheSdkOnlyWhenItsRoleAllowsIt() throws Exception {
    JsonNode allowed = invoke(admin, "allowed-caller", "{\"target\":\"callee\"}");
    assertThat(allowed.at("/ok/statusCode").asInt()).as(allowed.toString()).isEqualTo(200);
    assertThat(allowed.at("/ok/body").asText()).contains("Hello, from allowed-caller!");

    JsonNode denied = invoke(admin, "denied-caller", "{\"target\":\"callee\"}");
    assertThat(denied.get("error").asText())
        .as(denied.toString())
        .isEqualTo("AccessDeniedException");
    assertThat(denied.get("message").asText())
        .isEqualTo(
            "User: arn:aws:sts::"
                + ACCOUNT
                + ":assumed-role/plain-role/denied-caller is not authorized to perform:"
                + " lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:"
                + ACCOUNT
                + ":function:callee because no identity-based policy allows the"
                + " lambda:InvokeFunction action");
  }

  @Test
  void aFunctionsSdkCallsAreSignedAsItsAssumedRole() throws Exception {
    create("whoami", "plain-role", "whoami");
    JsonNode me = invoke(admin, "whoami", "{}");
    assertThat(me.get("arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/plain-role/whoami");
    assertThat(me.get("key").asText()).isEqualTo("ASIA");
    assertThat(me.get("token").asBoolean()).isTrue();
  }

  @Test
  void aRoleLambdaCannotAssumeIsRefusedAtCreateFunctionWithAwssMessage() {
    role("ec2-role", LAMBDA_TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com"), null);
    for (String role : new String[] {roleArn("ec2-role"), roleArn("no-such-role")}) {
      String err =
          admin
              .run(
                  "lambda",
                  "create-function",
                  "--function-name",
                  "refused",
                  "--runtime",
                  "python3.11",
                  "--handler",
                  "lambda_function.lambda_handler",
                  "--role",
                  role,
                  "--zip-file",
                  "fileb://" + root.resolve("zips").resolve("callee.zip"))
              .err();
      assertThat(err)
          .contains("(InvalidParameterValueException)")
          .contains("The role defined for the function cannot be assumed by Lambda.");
    }
    assertThat(admin.run("lambda", "get-function", "--function-name", "refused").err())
        .contains("(ResourceNotFoundException)");
  }

  @Test
  void aRoleWithoutLogsPermissionsRunsButItsLogsNeverAppear() throws Exception {
    create("silent", "silent-role", "whoami");
    create("chatty", "plain-role", "whoami");
    assertThat(invoke(admin, "silent", "{}").get("arn").asText()).contains("silent-role/silent");
    assertThat(invoke(admin, "chatty", "{}").get("arn").asText()).contains("plain-role/chatty");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .run(
                                "logs",
                                "filter-log-events",
                                "--log-group-name",
                                "/aws/lambda/chatty")
                            .ok()
                            .get("events")
                            .toString())
                    .contains("checking who I am")
                    .contains("REPORT RequestId"));
    JsonNode silent =
        admin.run("logs", "filter-log-events", "--log-group-name", "/aws/lambda/silent").json();
    assertThat(silent == null ? "[]" : String.valueOf(silent.get("events")))
        .doesNotContain("checking who I am")
        .doesNotContain("REPORT");

    // Outlet says why, where a user looks: outlet logs NAME (signed with the environment's key)
    // and outlet doctor.
    String why =
        "silent: its logs are dropped, as on AWS: its execution role "
            + roleArn("silent-role")
            + " does not allow logs:CreateLogStream";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    LogsCommand logs = new LogsCommand();
    logs.environment =
        Map.of(
            "AWS_ACCESS_KEY_ID",
            adminKey.accessKeyId(),
            "AWS_SECRET_ACCESS_KEY",
            adminKey.secret());
    assertThat(
            new CommandLine(logs)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("silent", "--endpoint", server.endpoint()))
        .isIn(0, 1);
    assertThat(err.toString()).contains(why).contains("AWSLambdaBasicExecutionRole");
    assertThat(out.toString()).doesNotContain("checking who I am");
    StringWriter chatty = new StringWriter();
    LogsCommand signed = new LogsCommand();
    signed.environment = logs.environment;
    assertThat(
            new CommandLine(signed)
                .setOut(new PrintWriter(chatty, true))
                .execute("chatty", "--endpoint", server.endpoint()))
        .isZero();
    assertThat(chatty.toString()).contains("checking who I am");
    assertThat(RoleDiagnosis.of(server.dataDir()))
        .anySatisfy(line -> assertThat(line).contains(why));
  }

  @Test
  void usersAreLimitedByTheirPoliciesAndAFunctionPolicyLetsAnotherUserInvoke() throws Exception {
    admin.run("iam", "create-user", "--user-name", "reader").ok();
    admin
        .run(
            "iam",
            "attach-user-policy",
            "--user-name",
            "reader",
            "--policy-arn",
            "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess")
        .ok();
    JsonNode key =
        admin.run("iam", "create-access-key", "--user-name", "reader").ok().get("AccessKey");
    AwsCli reader = cli(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());
    assertThat(reader.run("lambda", "get-function", "--function-name", "callee").ok()).isNotNull();
    assertThat(reader.run("lambda", "delete-function", "--function-name", "callee").err())
        .contains("(AccessDeniedException)")
        .contains(
            "User: arn:aws:iam::"
                + ACCOUNT
                + ":user/reader is not authorized to perform: lambda:DeleteFunction on resource:"
                + " arn:aws:lambda:us-east-1:"
                + ACCOUNT
                + ":function:callee because no identity-based policy allows the"
                + " lambda:DeleteFunction action");
    assertThat(
            reader
                .run(
                    "lambda",
                    "invoke",
                    "--function-name",
                    "callee",
                    root.resolve("reader.json").toString())
                .err())
        .contains("(AccessDeniedException)")
        .contains("lambda:InvokeFunction");
    assertThat(reader.run("iam", "list-users").err()).contains("(AccessDenied)");
    admin
        .run(
            "lambda",
            "add-permission",
            "--function-name",
            "callee",
            "--statement-id",
            "reader-invokes",
            "--action",
            "lambda:InvokeFunction",
            "--principal",
            "arn:aws:iam::" + ACCOUNT + ":user/reader")
        .ok();
    assertThat(invoke(reader, "callee", "{\"name\":\"reader\"}").get("body").asText())
        .contains("Hello, reader!");
  }

  @Test
  void aFunctionPolicyLetsItsCallerInOnlyInItsOwnRegion() throws Exception {
    new CliFunctions(admin, root.resolve("zips-eu"), roleArn("plain-role"))
        .create(
            "regional",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"),
            "--region",
            "eu-west-1");
    create("regional", "plain-role", "hello");
    admin.run("iam", "create-user", "--user-name", "visitor").ok();
    JsonNode key =
        admin.run("iam", "create-access-key", "--user-name", "visitor").ok().get("AccessKey");
    AwsCli visitor = cli(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());
    admin
        .run(
            "lambda",
            "add-permission",
            "--region",
            "eu-west-1",
            "--function-name",
            "regional",
            "--statement-id",
            "visitor-invokes",
            "--action",
            "lambda:InvokeFunction",
            "--principal",
            "arn:aws:iam::" + ACCOUNT + ":user/visitor")
        .ok();
    Path out = root.resolve("visitor.json");
    visitor
        .run(
            "lambda",
            "invoke",
            "--region",
            "eu-west-1",
            "--function-name",
            "regional",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--payload",
            "{\"name\":\"visitor\"}",
            out.toString())
        .ok();
    assertThat(Files.readString(out)).contains("Hello, visitor!");
    assertThat(visitor.run("lambda", "invoke", "--function-name", "regional", out.toString()).err())
        .contains("(AccessDeniedException)")
        .contains("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:regional");
  }

  @Test
  void anUnsignedRequestFromInsideASandboxLearnsNothingAboutAnotherFunction() throws Exception {
    admin
        .run(
            "lambda",
            "update-function-configuration",
            "--function-name",
            "callee",
            "--environment",
            "Variables={DB_PASSWORD=hunter2}")
        .ok();
    create("prying", "plain-role", "fetch");
    JsonNode got =
        invoke(admin, "prying", "{\"path\":\"/2015-03-31/functions/callee/configuration\"}");
    assertThat(got.get("status").asInt()).as(got.toString()).isEqualTo(403);
    assertThat(got.get("body").asText())
        .contains("Missing Authentication Token")
        .doesNotContain("hunter2");
  }

  @Test
  void eventBridgeInvokesAFunctionOnlyOnceItsPolicyLetsTheRuleIn() throws Exception {
    create("scheduled", "plain-role", "hello");
    String rule =
        admin
            .run("events", "put-rule", "--name", "hourly", "--schedule-expression", "rate(1 hour)")
            .ok()
            .get("RuleArn")
            .asText();
    admin
        .run(
            "events",
            "put-targets",
            "--rule",
            "hourly",
            "--targets",
            "Id=t,Arn=arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:scheduled")
        .ok();
    var scheduler = server.server().schedules().scheduler();
    java.time.Instant due = scheduler.nextFire("hourly").orElseThrow();
    assertThat(scheduler.tick(due)).isEqualTo(1);
    Thread.sleep(3000); // a refused delivery leaves no trace but the server's warning
    assertThat(
            admin
                .run("logs", "filter-log-events", "--log-group-name", "/aws/lambda/scheduled")
                .err())
        .as("the function never ran, so it has no log group")
        .contains("ResourceNotFoundException");
    admin
        .run(
            "lambda",
            "add-permission",
            "--function-name",
            "scheduled",
            "--statement-id",
            "hourly",
            "--action",
            "lambda:InvokeFunction",
            "--principal",
            "events.amazonaws.com",
            "--source-arn",
            rule)
        .ok();
    assertThat(scheduler.tick(due.plusSeconds(3600))).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .run(
                                "logs",
                                "filter-log-events",
                                "--log-group-name",
                                "/aws/lambda/scheduled")
                            .ok()
                            .get("events")
                            .toString())
                    .contains("Hello from print, world"));
  }
}
