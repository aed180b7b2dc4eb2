package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AddPermission, GetPolicy and RemovePermission through {@code /usr/bin/aws}: statements built as
 * Lambda builds them, Lambda's errors, the policy kept across a restart and gone with its function.
 */
class FunctionPolicyCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    new CliFunctions(aws, root.resolve("zips"))
        .create(
            "target",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static AwsCli.Run addPermission(
      String function, String sid, String action, String principal, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "lambda",
                "add-permission",
                "--function-name",
                function,
                "--statement-id",
                sid,
                "--action",
                action,
                "--principal",
                principal));
    args.addAll(java.util.List.of(more));
    return aws.run(args.toArray(String[]::new));
  }

  private static AwsCli.Run removePermission(String function, String sid, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "lambda", "remove-permission", "--function-name", function, "--statement-id", sid));
    args.addAll(java.util.List.of(more));
    return aws.run(args.toArray(String[]::new));
  }

  @Test
  void statementsAreBuiltAsLambdaBuildsThemAndSurviveARestart() throws Exception {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:target";
    JsonNode added =
        JSON.readTree(
            addPermission(
                    "target",
                    "s3-invoke",
                    "lambda:InvokeFunction",
                    "s3.amazonaws.com",
                    "--source-arn",
                    "arn:aws:s3:::my-bucket",
                    "--source-account",
                    "123456789012")
                .ok()
                .get("Statement")
                .asText());
    assertThat(added.get("Sid").asText()).isEqualTo("s3-invoke");
    assertThat(added.get("Effect").asText()).isEqualTo("Allow");
    assertThat(added.at("/Principal/Service").asText()).isEqualTo("s3.amazonaws.com");
    assertThat(added.get("Resource").asText()).isEqualTo(arn);
    assertThat(added.at("/Condition/StringEquals/AWS:SourceAccount").asText())
        .isEqualTo("123456789012");
    assertThat(added.at("/Condition/ArnLike/AWS:SourceArn").asText())
        .isEqualTo("arn:aws:s3:::my-bucket");
    addPermission("target", "other-account", "lambda:InvokeFunction", "210987654321").ok();
    assertThat(
            addPermission("target", "s3-invoke", "lambda:InvokeFunction", "sns.amazonaws.com")
                .err())
        .contains("(ResourceConflictException)")
        .contains(
            "The statement id (s3-invoke) provided already exists. Please provide a new statement"
                + " id, or remove the existing statement.");

    server.close();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    JsonNode got = aws.run("lambda", "get-policy", "--function-name", "target").ok();
    assertThat(got.get("RevisionId").asText()).isNotEmpty();
    JsonNode policy = JSON.readTree(got.get("Policy").asText());
    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.get("Id").asText()).isEqualTo("default");
    assertThat(policy.get("Statement")).hasSize(2);
    assertThat(policy.at("/Statement/1/Principal/AWS").asText())
        .isEqualTo("arn:aws:iam::210987654321:root");

    assertThat(removePermission("target", "nope").err())
        .contains("(ResourceNotFoundException)")
        .contains("Statement nope is not found in resource policy.");
    assertThat(removePermission("target", "s3-invoke", "--revision-id", "stale").err())
        .contains("(PreconditionFailedException)");
    removePermission("target", "s3-invoke").ok();
    removePermission("target", "other-account").ok();
    assertThat(aws.run("lambda", "get-policy", "--function-name", "target").err())
        .contains("(ResourceNotFoundException)")
        .contains("The resource you requested does not exist.");
  }

  @Test
  void aMissingFunctionAndABadStatementIdGetLambdasErrors() {
    assertThat(aws.run("lambda", "get-policy", "--function-name", "ghost").err())
        .contains("(ResourceNotFoundException)")
        .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost");
    assertThat(addPermission("target", "bad id!", "lambda:InvokeFunction", "*").err())
        .contains("(ValidationException)")
        .contains("statementId");
  }

  @Test
  void deletingTheFunctionDropsItsPolicy() {
    new CliFunctions(aws, root.resolve("zips2"))
        .create(
            "short-lived",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"));
    addPermission("short-lived", "all", "lambda:*", "*").ok();
    aws.run("lambda", "delete-function", "--function-name", "short-lived").ok();
    new CliFunctions(aws, root.resolve("zips3"))
        .create(
            "short-lived",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"));
    assertThat(aws.run("lambda", "get-policy", "--function-name", "short-lived").err())
        .contains("(ResourceNotFoundException)");
  }
}
