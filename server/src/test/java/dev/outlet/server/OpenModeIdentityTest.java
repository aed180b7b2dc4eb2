package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --auth open} (the default): any credentials are taken on trust, the caller is the
 * account's root, and the IAM API still keeps users and keys, ready for {@code --auth iam}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenModeIdentityTest {
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

  @Test
  @Order(1)
  void anyKeyIsTheAccountsRoot() {
    JsonNode me = aws.run("sts", "get-caller-identity").ok();
    assertThat(me.get("Account").asText()).isEqualTo("000000000000");
    assertThat(me.get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
    assertThat(server.server().createdAdministrator()).isEmpty();
  }

  @Test
  @Order(2) // restarts the server in iam mode
  void keysMadeInOpenModeSignInIamModeLater() throws Exception {
    aws.run("iam", "create-user", "--user-name", "dev").ok();
    JsonNode key = aws.run("iam", "create-access-key", "--user-name", "dev").ok().get("AccessKey");
    assertThat(aws.run("iam", "create-access-key").err())
        .contains("(ValidationError)")
        .contains("Must specify userName when calling with non-User credentials");
    server.close();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    assertThat(server.server().createdAdministrator()).as("keys exist already").isEmpty();
    AwsCli dev =
        new AwsCli(
            server.endpoint(),
            root.resolve("cli"),
            key.get("AccessKeyId").asText(),
            key.get("SecretAccessKey").asText());
    assertThat(dev.run("sts", "get-caller-identity").ok().get("Arn").asText())
        .isEqualTo("arn:aws:iam::000000000000:user/dev");
    assertThat(
            new AwsCli(server.endpoint(), root.resolve("cli"))
                .run("lambda", "list-functions")
                .err())
        .contains("(UnrecognizedClientException)");
  }
}
