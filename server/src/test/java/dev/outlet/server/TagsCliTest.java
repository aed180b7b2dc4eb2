package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags through {@code /usr/bin/aws} and boto3: given at create-function, returned by get-function
 * and list-tags, added and removed, AWS's rules refused before anything is stored, kept across a
 * restart and gone with their function.
 */
class TagsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void create(String name, String... more) {
    new CliFunctions(aws, root.resolve("zips"))
        .create(
            name,
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"),
            more);
  }

  @Test
  void tagsRoundTripAndFollowTheirFunction() {
    String arn = TestServer.functionArn("tagged");
    create("tagged", "--tags", "team=payments,env=dev");
    assertThat(aws.ok("lambda", "get-function", "--function-name", "tagged").get("Tags").toString())
        .isEqualTo("{\"env\":\"dev\",\"team\":\"payments\"}");
    aws.ok("lambda", "tag-resource", "--resource", arn, "--tags", "owner=ada,env=prod");
    assertThat(aws.ok("lambda", "list-tags", "--resource", arn).get("Tags").toString())
        .isEqualTo("{\"env\":\"prod\",\"owner\":\"ada\",\"team\":\"payments\"}");
    aws.ok("lambda", "untag-resource", "--resource", arn, "--tag-keys", "team", "env");
    assertThat(aws.ok("lambda", "list-tags", "--resource", arn).get("Tags").toString())
        .isEqualTo("{\"owner\":\"ada\"}");

    assertThat(aws.fails("lambda", "tag-resource", "--resource", arn, "--tags", "aws:team=x"))
        .contains("InvalidParameterValueException")
        .contains("aws:");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      many.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
    }
    assertThat(aws.fails("lambda", "tag-resource", "--resource", arn, "--tags", many.toString()))
        .contains("InvalidParameterValueException")
        .contains("at most 50 tags");
    assertThat(aws.fails("lambda", "list-tags", "--resource", arn + "-missing"))
        .contains("ResourceNotFoundException")
        .contains("Function not found: " + arn + "-missing");
    assertThat(aws.fails("lambda", "list-tags", "--resource", arn + ":1"))
        .contains("InvalidParameterValueException");
    assertThat(aws.fails("lambda", "list-tags", "--resource", "not-an-arn"))
        .contains("ValidationException");
    // a create with bad tags stores nothing
    assertThat(
            aws.run(
                    "lambda",
                    "create-function",
                    "--function-name",
                    "badtags",
                    "--runtime",
                    "python3.11",
                    "--handler",
                    "lambda_function.lambda_handler",
                    "--role",
                    TestServer.ROLE,
                    "--zip-file",
                    "fileb://" + root.resolve("zips").resolve("tagged.zip"),
                    "--tags",
                    "aws:x=1")
                .err())
        .contains("InvalidParameterValueException");
    assertThat(aws.fails("lambda", "get-function", "--function-name", "badtags"))
        .contains("ResourceNotFoundException");

    // kept across a restart
    Path data = server.dataDir();
    server.close();
    server = TestServer.start(data);
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    assertThat(aws.ok("lambda", "list-tags", "--resource", arn).get("Tags").toString())
        .isEqualTo("{\"owner\":\"ada\"}");
    // gone with the function: a new one of that name starts without tags
    aws.ok("lambda", "delete-function", "--function-name", "tagged");
    create("tagged");
    assertThat(aws.ok("lambda", "list-tags", "--resource", arn).get("Tags").toString())
        .isEqualTo("{}");
    assertThat(aws.ok("lambda", "get-function", "--function-name", "tagged").has("Tags")).isFalse();
  }

  @Test
  void boto3TagsAFunction() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Process check = new ProcessBuilder(python.toString(), "-c", "import boto3").start();
    assumeThat(check.waitFor() == 0)
        .as("boto3 not installed: apt-get install python3-boto3")
        .isTrue();
    create("boto3-tags", "--tags", "a=1");
    String script =
        """
        import boto3, json, sys
        c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                         aws_access_key_id="test", aws_secret_access_key="test")
        arn = c.get_function(FunctionName="boto3-tags")["Configuration"]["FunctionArn"]
        c.tag_resource(Resource=arn, Tags={"b": "2"})
        c.untag_resource(Resource=arn, TagKeys=["a"])
        print(json.dumps({"tags": c.list_tags(Resource=arn)["Tags"],
                          "get": c.get_function(FunctionName="boto3-tags")["Tags"]}))
        """;
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, server.endpoint())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    JsonNode r = JSON.readTree(out);
    assertThat(r.get("tags").toString()).isEqualTo("{\"b\":\"2\"}");
    assertThat(r.get("get").toString()).isEqualTo("{\"b\":\"2\"}");
  }
}
