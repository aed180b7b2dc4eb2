package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.iam.AccessKey;
import dev.outlet.iam.IdentityStore;
import dev.outlet.iam.TemporaryCredentials;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --auth iam}: roles, inline and managed policies through {@code aws iam}, and {@code
 * aws sts assume-role} whose temporary credentials sign requests (the CLI and boto3) as the assumed
 * role, with IAM's and STS's errors.
 */
class IamRolesPoliciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = TestServer.ACCOUNT;
  private static final String BASIC =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String LOGS =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"logs:*\",\"Resource\":\"*\"}]}";
  private static final String ASSUME_ANY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";

  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli admin;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    AccessKey key = server.server().createdAdministrator().orElseThrow();
    admin = cli(key.accessKeyId(), key.secret(), null);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static AwsCli cli(String id, String secret, String token) {
    return new AwsCli(server.endpoint(), root.resolve("cli"), id, secret, token);
  }

  private static String trustFor(String principal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** A user with a key, as a signed CLI. */
  private static AwsCli user(String name) {
    admin.run("iam", "create-user", "--user-name", name).ok();
    JsonNode key = admin.run("iam", "create-access-key", "--user-name", name).ok().get("AccessKey");
    return cli(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
  }

  @Test
  void rolesRoundTripWithTheirTrustPolicies() throws Exception {
    String trust = trustFor("arn:aws:iam::" + ACCOUNT + ":root");
    JsonNode role =
        admin
            .run(
                "iam",
                "create-role",
                "--role-name",
                "builder",
                "--path",
                "/ci/",
                "--assume-role-policy-document",
                trust,
                "--description",
                "builds things")
            .ok()
            .get("Role");
    assertThat(role.get("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/ci/builder");
    assertThat(role.get("RoleId").asText()).matches("AROA[A-Z2-7]{16}");
    JsonNode got = admin.run("iam", "get-role", "--role-name", "builder").ok().get("Role");
    assertThat(got.get("AssumeRolePolicyDocument")).isEqualTo(JSON.readTree(trust));
    assertThat(got.get("MaxSessionDuration").asInt()).isEqualTo(3600);
    assertThat(got.get("Description").asText()).isEqualTo("builds things");
    assertThat(admin.run("iam", "list-roles").ok().get("Roles"))
        .extracting(r -> r.get("RoleName").asText())
        .contains("builder");
    assertThat(
            admin
                .run(
                    "iam",
                    "create-role",
                    "--role-name",
                    "builder",
                    "--assume-role-policy-document",
                    trust)
                .err())
        .contains("(EntityAlreadyExists)")
        .contains("Role with name builder already exists.");
    assertThat(
            admin
                .run(
                    "iam",
                    "create-role",
                    "--role-name",
                    "broken",
                    "--assume-role-policy-document",
                    LOGS)
                .err())
        .contains("(MalformedPolicyDocument)")
        .contains("Missing required field Principal");
    String other = trustFor("arn:aws:iam::" + ACCOUNT + ":user/someone");
    admin
        .run(
            "iam",
            "update-assume-role-policy",
            "--role-name",
            "builder",
            "--policy-document",
            other)
        .ok();
    assertThat(
            admin
                .run("iam", "get-role", "--role-name", "builder")
                .ok()
                .at("/Role/AssumeRolePolicyDocument"))
        .isEqualTo(JSON.readTree(other));
    assertThat(admin.run("iam", "get-role", "--role-name", "nobody").err())
        .contains("(NoSuchEntity)")
        .contains("The role with name nobody cannot be found.");
    admin.run("iam", "delete-role", "--role-name", "builder").ok();
    assertThat(admin.run("iam", "get-role", "--role-name", "builder").exit()).isNotZero();
  }

  @Test
  void inlinePoliciesRoundTripAndHoldARoleBack() throws Exception {
    admin
        .run(
            "iam",
            "create-role",
            "--role-name",
            "inline",
            "--assume-role-policy-document",
            trustFor("*"))
        .ok();
    admin
        .run(
            "iam",
            "put-role-policy",
            "--role-name",
            "inline",
            "--policy-name",
            "logs",
            "--policy-document",
            LOGS)
        .ok();
    JsonNode got =
        admin.run("iam", "get-role-policy", "--role-name", "inline", "--policy-name", "logs").ok();
    assertThat(got.get("PolicyDocument")).isEqualTo(JSON.readTree(LOGS));
    assertThat(got.get("RoleName").asText()).isEqualTo("inline");
    assertThat(
            admin.run("iam", "list-role-policies", "--role-name", "inline").ok().get("PolicyNames"))
        .extracting(JsonNode::asText)
        .containsExactly("logs");
    assertThat(admin.run("iam", "delete-role", "--role-name", "inline").err())
        .contains("(DeleteConflict)")
        .contains("Cannot delete entity, must delete policies first.");
    admin.run("iam", "delete-role-policy", "--role-name", "inline", "--policy-name", "logs").ok();
    assertThat(
            admin
                .run("iam", "get-role-policy", "--role-name", "inline", "--policy-name", "logs")
                .err())
        .contains("(NoSuchEntity)")
        .contains("The role policy with name logs cannot be found.");
    admin.run("iam", "delete-role", "--role-name", "inline").ok();

    user("carol");
    admin
        .run(
            "iam",
            "put-user-policy",
            "--user-name",
            "carol",
            "--policy-name",
            "logs",
            "--policy-document",
            LOGS)
        .ok();
    assertThat(
            admin
                .run("iam", "get-user-policy", "--user-name", "carol", "--policy-name", "logs")
                .ok()
                .get("PolicyDocument"))
        .isEqualTo(JSON.readTree(LOGS));
    assertThat(
            admin.run("iam", "list-user-policies", "--user-name", "carol").ok().get("PolicyNames"))
        .extracting(JsonNode::asText)
        .containsExactly("logs");
    assertThat(
            admin
                .run(
                    "iam",
                    "put-user-policy",
                    "--user-name",
                    "carol",
                    "--policy-name",
                    "bad",
                    "--policy-document",
                    trustFor("*"))
                .err())
        .contains("(MalformedPolicyDocument)")
        .contains("Policy document should not specify a principal.");
    admin.run("iam", "delete-user-policy", "--user-name", "carol", "--policy-name", "logs").ok();
    assertThat(
            admin.run("iam", "list-user-policies", "--user-name", "carol").ok().get("PolicyNames"))
        .isEmpty();
  }

  @Test
  void managedPoliciesAttachDetachAndCustomerOnesCannotBeDeletedWhileAttached() throws Exception {
    admin
        .run(
            "iam",
            "create-role",
            "--role-name",
            "managed",
            "--assume-role-policy-document",
            trustFor("*"))
        .ok();
    admin.run("iam", "attach-role-policy", "--role-name", "managed", "--policy-arn", BASIC).ok();
    JsonNode attached =
        admin.run("iam", "list-attached-role-policies", "--role-name", "managed").ok();
    assertThat(attached.at("/AttachedPolicies/0/PolicyArn").asText()).isEqualTo(BASIC);
    assertThat(attached.at("/AttachedPolicies/0/PolicyName").asText())
        .isEqualTo("AWSLambdaBasicExecutionRole");
    assertThat(
            admin
                .run(
                    "iam",
                    "attach-role-policy",
                    "--role-name",
                    "managed",
                    "--policy-arn",
                    "arn:aws:iam::aws:policy/NotAPolicy")
                .err())
        .contains("(NoSuchEntity)")
        .contains("Policy arn:aws:iam::aws:policy/NotAPolicy does not exist or is not attachable.");
    assertThat(admin.run("iam", "delete-role", "--role-name", "managed").err())
        .contains("(DeleteConflict)")
        .contains("Cannot delete entity, must detach all policies first.");

    JsonNode created =
        admin
            .run(
                "iam",
                "create-policy",
                "--policy-name",
                "all-logs",
                "--policy-document",
                LOGS,
                "--description",
                "every logs action")
            .ok()
            .get("Policy");
    String arn = created.get("Arn").asText();
    assertThat(arn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/all-logs");
    assertThat(created.get("PolicyId").asText()).matches("ANPA[A-Z2-7]{16}");
    assertThat(created.get("DefaultVersionId").asText()).isEqualTo("v1");
    assertThat(
            admin
                .run("iam", "create-policy", "--policy-name", "all-logs", "--policy-document", LOGS)
                .err())
        .contains("(EntityAlreadyExists)");
    assertThat(
            admin
                .run("iam", "get-policy", "--policy-arn", arn)
                .ok()
                .at("/Policy/PolicyName")
                .asText())
        .isEqualTo("all-logs");
    assertThat(
            admin
                .run("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1")
                .ok()
                .at("/PolicyVersion/Document"))
        .isEqualTo(JSON.readTree(LOGS));
    assertThat(
            admin
                .run("iam", "get-policy-version", "--policy-arn", BASIC, "--version-id", "v1")
                .ok()
                .at("/PolicyVersion/Document/Statement/0/Action"))
        .extracting(JsonNode::asText)
        .contains("logs:PutLogEvents");
    admin.run("iam", "attach-role-policy", "--role-name", "managed", "--policy-arn", arn).ok();
    assertThat(admin.run("iam", "list-policies", "--scope", "Local").ok().get("Policies"))
        .extracting(p -> p.get("Arn").asText() + " " + p.get("AttachmentCount").asInt())
        .containsExactly(arn + " 1");
    assertThat(admin.run("iam", "list-policies", "--scope", "AWS").ok().get("Policies"))
        .extracting(p -> p.get("Arn").asText())
        .contains(BASIC, "arn:aws:iam::aws:policy/AdministratorAccess")
        .doesNotContain(arn);
    assertThat(
            admin
                .run("iam", "list-entities-for-policy", "--policy-arn", arn)
                .ok()
                .get("PolicyRoles"))
        .extracting(r -> r.get("RoleName").asText())
        .containsExactly("managed");
    assertThat(admin.run("iam", "delete-policy", "--policy-arn", arn).err())
        .contains("(DeleteConflict)")
        .contains("Cannot delete a policy attached to entities.");
    admin.run("iam", "detach-role-policy", "--role-name", "managed", "--policy-arn", arn).ok();
    admin.run("iam", "detach-role-policy", "--role-name", "managed", "--policy-arn", BASIC).ok();
    assertThat(
            admin
                .run("iam", "detach-role-policy", "--role-name", "managed", "--policy-arn", BASIC)
                .err())
        .contains("(NoSuchEntity)");
    admin.run("iam", "delete-policy", "--policy-arn", arn).ok();
    assertThat(admin.run("iam", "get-policy", "--policy-arn", arn).err())
        .contains("(NoSuchEntity)")
        .contains("Policy " + arn + " was not found.");
    admin.run("iam", "delete-role", "--role-name", "managed").ok();
  }

  @Test
  void assumedRoleCredentialsSignAsTheSessionWithTheCliAndBoto3() throws Exception {
    AwsCli alice = user("alice");
    String aliceArn = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    String roleArn =
        admin
            .run(
                "iam",
                "create-role",
                "--role-name",
                "deployer",
                "--assume-role-policy-document",
                trustFor(aliceArn))
            .ok()
            .at("/Role/Arn")
            .asText();
    JsonNode assumed =
        alice
            .run(
                "sts",
                "assume-role",
                "--role-arn",
                roleArn,
                "--role-session-name",
                "deploy-1",
                "--duration-seconds",
                "900")
            .ok();
    JsonNode c = assumed.get("Credentials");
    assertThat(c.get("AccessKeyId").asText()).matches("ASIA[A-Z2-7]{16}");
    assertThat(c.get("SecretAccessKey").asText()).hasSize(40);
    assertThat(c.get("SessionToken").asText()).hasSizeGreaterThan(300);
    assertThat(c.get("Expiration").asText()).isNotEmpty();
    String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/deploy-1";
    assertThat(assumed.at("/AssumedRoleUser/Arn").asText()).isEqualTo(sessionArn);
    assertThat(assumed.at("/AssumedRoleUser/AssumedRoleId").asText())
        .matches("AROA[A-Z2-7]{16}:deploy-1");

    AwsCli session =
        cli(
            c.get("AccessKeyId").asText(),
            c.get("SecretAccessKey").asText(),
            c.get("SessionToken").asText());
    JsonNode me = session.run("sts", "get-caller-identity").ok();
    assertThat(me.get("Arn").asText()).isEqualTo(sessionArn);
    assertThat(me.get("UserId").asText())
        .isEqualTo(assumed.at("/AssumedRoleUser/AssumedRoleId").asText());
    assertThat(session.run("lambda", "list-functions").err())
        .as("a session holds its role's policies, and deployer has none yet")
        .contains("(AccessDeniedException)")
        .contains("User: " + sessionArn + " is not authorized to perform: lambda:ListFunctions");
    admin
        .run(
            "iam",
            "attach-role-policy",
            "--role-name",
            "deployer",
            "--policy-arn",
            "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess")
        .ok();
    assertThat(session.run("lambda", "list-functions").ok().get("Functions")).isNotNull();

    String script =
        "import boto3,sys\n"
            + "s=boto3.client('sts',endpoint_url=sys.argv[1],region_name='us-east-1',"
            + "aws_access_key_id=sys.argv[2],aws_secret_access_key=sys.argv[3],"
            + "aws_session_token=sys.argv[4])\n"
            + "print(s.get_caller_identity()['Arn'])\n";
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                script,
                server.endpoint(),
                c.get("AccessKeyId").asText(),
                c.get("SecretAccessKey").asText(),
                c.get("SessionToken").asText())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo(sessionArn);

    AwsCli wrongToken =
        cli(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), "bm90IGl0");
    assertThat(wrongToken.run("sts", "get-caller-identity").err())
        .contains("(InvalidClientTokenId)")
        .contains("The security token included in the request is invalid");
    AwsCli noToken = cli(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), null);
    assertThat(noToken.run("sts", "get-caller-identity").exit()).isNotZero();

    AwsCli bob = user("bob");
    assertThat(
            bob.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "x1").err())
        .contains("(AccessDenied)")
        .contains(
            "User: arn:aws:iam::"
                + ACCOUNT
                + ":user/bob is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn);
    assertThat(
            alice
                .run(
                    "sts",
                    "assume-role",
                    "--role-arn",
                    roleArn,
                    "--role-session-name",
                    "x1",
                    "--duration-seconds",
                    "7200")
                .err())
        .contains("(ValidationError)")
        .contains(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    assertThat(
            alice
                .run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "a space")
                .err())
        .contains("(ValidationError)")
        .contains(
            "Value 'a space' at 'roleSessionName' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: [\\w+=,.@-]*");
    assertThat(
            alice
                .run(
                    "sts",
                    "assume-role",
                    "--role-arn",
                    "arn:aws:iam::" + ACCOUNT + ":role/none",
                    "--role-session-name",
                    "x1")
                .err())
        .contains("(AccessDenied)");
  }

  @Test
  void aTrustPolicyNamingTheAccountNeedsTheCallersOwnPolicyToo() {
    AwsCli dave = user("dave");
    String roleArn =
        admin
            .run(
                "iam",
                "create-role",
                "--role-name",
                "account-wide",
                "--assume-role-policy-document",
                trustFor("arn:aws:iam::" + ACCOUNT + ":root"))
            .ok()
            .at("/Role/Arn")
            .asText();
    assertThat(
            dave.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "d1")
                .err())
        .contains("(AccessDenied)");
    admin
        .run(
            "iam",
            "put-user-policy",
            "--user-name",
            "dave",
            "--policy-name",
            "assume",
            "--policy-document",
            ASSUME_ANY)
        .ok();
    assertThat(
            dave.run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "d1")
                .ok()
                .at("/AssumedRoleUser/Arn")
                .asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/account-wide/d1");
    // the administrator holds AdministratorAccess, so it may assume it too
    assertThat(
            admin
                .run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "a1")
                .exit())
        .isZero();
  }

  @Test
  void anExpiredSessionIsRefusedAsExpired() throws Exception {
    admin
        .run(
            "iam",
            "create-role",
            "--role-name",
            "short",
            "--assume-role-policy-document",
            trustFor("*"))
        .ok();
    TemporaryCredentials c;
    // the server also makes sessions through the store (a function's execution role)
    try (IdentityStore store =
        IdentityStore.open(server.dataDir(), ACCOUNT, InstantSource.system())) {
      c =
          store.assumeRole(
              "arn:aws:iam::" + ACCOUNT + ":role/short", "brief", Duration.ofSeconds(1));
    }
    AwsCli session = cli(c.accessKeyId(), c.secret(), c.sessionToken());
    AwsCli.Run r = eventually(() -> session.run("sts", "get-caller-identity"), "(ExpiredToken)");
    assertThat(r.err())
        .contains("(ExpiredToken)")
        .contains("The security token included in the request is expired");
    assertThat(session.run("lambda", "list-functions").err()).contains("(ExpiredTokenException)");
  }

  @Test
  void inOpenModeAnyCallerMayAssumeAnExistingRole() {
    try (TestServer open = TestServer.start(root.resolve("open"))) {
      AwsCli anyone = new AwsCli(open.endpoint(), root.resolve("cli"));
      String roleArn =
          anyone
              .run(
                  "iam",
                  "create-role",
                  "--role-name",
                  "strict",
                  "--assume-role-policy-document",
                  trustFor("arn:aws:iam::" + ACCOUNT + ":user/somebody-else"))
              .ok()
              .at("/Role/Arn")
              .asText();
      assertThat(
              anyone
                  .run("sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "o1")
                  .ok()
                  .at("/AssumedRoleUser/Arn")
                  .asText())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/strict/o1");
      assertThat(
              anyone
                  .run(
                      "sts",
                      "assume-role",
                      "--role-arn",
                      "arn:aws:iam::" + ACCOUNT + ":role/absent",
                      "--role-session-name",
                      "o1")
                  .err())
          .contains("(AccessDenied)")
          .contains(
              "User: arn:aws:iam::"
                  + ACCOUNT
                  + ":root is not authorized to perform: sts:AssumeRole on resource:"
                  + " arn:aws:iam::"
                  + ACCOUNT
                  + ":role/absent");
    }
  }

  /** Runs {@code call} until its error says {@code wanted}, within the store's refresh delay. */
  private static AwsCli.Run eventually(Supplier<AwsCli.Run> call, String wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    AwsCli.Run r = call.get();
    while (!r.err().contains(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = call.get();
    }
    return r;
  }
}
