package dev.outlet.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.AwsException;
import dev.outlet.edge.SigningKeys.SigningKey;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyKind;
import dev.outlet.iam.policy.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolesAndSessionsTest {
  private static final String ACCOUNT = "123456789012";
  private static final String LAMBDA_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String LOGS =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
          + "\"Action\":\"logs:*\",\"Resource\":\"*\"}}";
  private static final String BASIC =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

  @TempDir Path data;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
  private final InstantSource clock = () -> now.get();

  private IdentityStore open() {
    return IdentityStore.open(data, ACCOUNT, clock);
  }

  private static String code(Throwable e) {
    return ((AwsException) e).code();
  }

  @Test
  void makesRolesInAwssFormatsAndFindsThemByNameOrArn() {
    try (IdentityStore store = open()) {
      Role role =
          store.policies().createRole("exec", "/service/", LAMBDA_TRUST, "runs things", 3600);
      assertThat(role.roleId()).matches("AROA[A-Z2-7]{16}");
      assertThat(role.arn(ACCOUNT)).isEqualTo("arn:aws:iam::123456789012:role/service/exec");
      assertThat(store.role("exec")).contains(role);
      assertThat(store.role("arn:aws:iam::123456789012:role/service/exec")).contains(role);
      assertThat(store.role("arn:aws:iam::123456789012:role/exec")).isEmpty();
      assertThat(
              store.role("exec").orElseThrow().trustPolicy().statements().getFirst().principals())
          .isPresent();
      assertThatThrownBy(() -> store.policies().createRole("exec", "/", LAMBDA_TRUST, null, 3600))
          .hasMessage("Role with name exec already exists.")
          .satisfies(e -> assertThat(code(e)).isEqualTo("EntityAlreadyExists"));
    }
  }

  @Test
  void refusesTrustPoliciesWithoutPrincipalOrWithResource() {
    try (IdentityStore store = open()) {
      assertThatThrownBy(() -> store.policies().createRole("r", "/", LOGS, null, 3600))
          .hasMessage("Missing required field Principal")
          .satisfies(e -> assertThat(code(e)).isEqualTo("MalformedPolicyDocument"));
      String withResource = LAMBDA_TRUST.replace("\"Action\"", "\"Resource\":\"*\",\"Action\"");
      assertThatThrownBy(() -> store.policies().createRole("r", "/", withResource, null, 3600))
          .hasMessage("Has prohibited field Resource")
          .satisfies(e -> assertThat(code(e)).isEqualTo("MalformedPolicyDocument"));
      assertThatThrownBy(() -> store.policies().createRole("r", "/", "{not json", null, 3600))
          .hasMessage("Syntax errors in policy.");
      assertThat(store.roles()).isEmpty();
    }
  }

  @Test
  void identityPoliciesComeFromTheSnapshotParsedOnce() {
    try (IdentityStore store = open()) {
      store.createUser("alice", "/team/");
      store.policies().createRole("exec", "/", LAMBDA_TRUST, null, 3600);
      store.policies().putInlinePolicy(Holder.USER, "alice", "logs", LOGS);
      store.policies().attach(Holder.USER, "alice", BASIC);
      store.policies().attach(Holder.ROLE, "exec", BASIC);
      List<PolicyDocument> alice =
          store.identityPolicies("arn:aws:iam::123456789012:user/team/alice");
      assertThat(alice).hasSize(2);
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:user/team/alice"))
          .isSameAs(alice);
      store.refresh(); // a new snapshot reuses the documents parsed for the last one
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:user/team/alice").getFirst())
          .isSameAs(alice.getFirst());
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:role/exec")).hasSize(1);
      assertThat(store.identityPolicies("arn:aws:sts::123456789012:assumed-role/exec/s1"))
          .isEqualTo(store.identityPolicies("arn:aws:iam::123456789012:role/exec"));
      assertThat(store.identityPolicies("arn:aws:iam::999999999999:user/alice")).isEmpty();
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:user/bob")).isEmpty();
      assertThat(store.identityPolicies(null)).isEmpty();
      store.policies().deleteInlinePolicy(Holder.USER, "alice", "logs");
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:user/team/alice")).hasSize(1);
    }
  }

  @Test
  void customerPoliciesAttachLikeAwssAndCannotBeDeletedWhileAttached() {
    try (IdentityStore store = open()) {
      store.policies().createRole("exec", "/", LAMBDA_TRUST, null, 3600);
      CustomerPolicy p = store.policies().createPolicy("logs", "/", LOGS, "all of logs");
      assertThat(p.policyId()).matches("ANPA[A-Z2-7]{16}");
      assertThat(p.arn(ACCOUNT)).isEqualTo("arn:aws:iam::123456789012:policy/logs");
      store.policies().attach(Holder.ROLE, "exec", p.arn(ACCOUNT));
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:role/exec")).hasSize(1);
      assertThatThrownBy(() -> store.policies().deletePolicy(p.arn(ACCOUNT)))
          .hasMessage("Cannot delete a policy attached to entities.");
      assertThatThrownBy(() -> store.policies().deleteRole("exec"))
          .hasMessage("Cannot delete entity, must detach all policies first.")
          .satisfies(e -> assertThat(code(e)).isEqualTo("DeleteConflict"));
      store.policies().detach(Holder.ROLE, "exec", p.arn(ACCOUNT));
      store.policies().putInlinePolicy(Holder.ROLE, "exec", "inline", LOGS);
      assertThatThrownBy(() -> store.policies().deleteRole("exec"))
          .hasMessage("Cannot delete entity, must delete policies first.");
      store.policies().deleteInlinePolicy(Holder.ROLE, "exec", "inline");
      store.policies().deleteRole("exec");
      store.policies().deletePolicy(p.arn(ACCOUNT));
      assertThat(store.policies().customerPolicies()).isEmpty();
      assertThatThrownBy(() -> store.policies().createPolicy("bad", "/", LAMBDA_TRUST, null))
          .hasMessage("Policy document should not specify a principal.");
    }
  }

  @Test
  void unknownManagedPoliciesAreNotAttachable() {
    try (IdentityStore store = open()) {
      store.createUser("alice", "/");
      String arn = "arn:aws:iam::aws:policy/NoSuchPolicy";
      assertThatThrownBy(() -> store.policies().attach(Holder.USER, "alice", arn))
          .hasMessage(
              "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.")
          .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchEntity"));
      assertThatThrownBy(() -> store.policies().detach(Holder.USER, "alice", BASIC))
          .hasMessage("Policy " + BASIC + " was not found.");
      assertThatThrownBy(() -> store.policies().attach(Holder.ROLE, "nobody", BASIC))
          .hasMessage("The role with name nobody cannot be found.");
    }
  }

  @Test
  void inlinePoliciesOfAUserShareTheQuotaOf2048Characters() {
    try (IdentityStore store = open()) {
      store.createUser("alice", "/");
      String big = bigPolicy(1100);
      store.policies().putInlinePolicy(Holder.USER, "alice", "one", big);
      store
          .policies()
          .putInlinePolicy(Holder.USER, "alice", "one", big); // replacing does not count twice
      assertThatThrownBy(() -> store.policies().putInlinePolicy(Holder.USER, "alice", "two", big))
          .hasMessage("Maximum policy size of 2048 bytes exceeded for user alice")
          .satisfies(e -> assertThat(code(e)).isEqualTo("LimitExceeded"));
      store.policies().createRole("exec", "/", LAMBDA_TRUST, null, 3600);
      store.policies().putInlinePolicy(Holder.ROLE, "exec", "one", big);
      store.policies().putInlinePolicy(Holder.ROLE, "exec", "two", big);
      assertThat(store.policies().inlinePolicies(Holder.ROLE, "exec"))
          .containsOnlyKeys("one", "two");
    }
  }

  private static String bigPolicy(int size) {
    String head = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"";
    String tail = "\",\"Resource\":\"*\"}}";
    String action = "s3:" + "G".repeat(size - head.length() - tail.length() - 3);
    return head + action + tail;
  }

  @Test
  void sessionsSignAsTheAssumedRoleAndSurviveAReopen() {
    TemporaryCredentials c;
    try (IdentityStore store = open()) {
      Role role = store.policies().createRole("exec", "/", LAMBDA_TRUST, null, 3600);
      c = store.assumeRole(role.arn(ACCOUNT), "job-1", Duration.ofMinutes(15));
      assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
      assertThat(c.secret()).matches("[A-Za-z0-9+/]{40}");
      assertThat(c.sessionToken()).matches("[A-Za-z0-9+/=]{300,}");
      assertThat(c.expiration()).isEqualTo(now.get().plus(Duration.ofMinutes(15)));
      assertThat(c.assumedRoleId()).isEqualTo(role.roleId() + ":job-1");
      assertThat(c.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/exec/job-1");
      assertThat(c.toString()).doesNotContain(c.secret()).doesNotContain(c.sessionToken());
      assertThat(store.sessionUserId(c.accessKeyId())).contains(role.roleId() + ":job-1");
      assertThatThrownBy(
              () -> store.assumeRole("arn:aws:iam::123456789012:role/none", "s", Duration.ZERO))
          .hasMessage("The role with name none cannot be found.");
    }
    try (IdentityStore again = open()) {
      SigningKey key = again.find(c.accessKeyId()).orElseThrow();
      assertThat(key.secret()).isEqualTo(c.secret());
      assertThat(key.sessionToken()).isEqualTo(c.sessionToken());
      assertThat(key.expires()).isEqualTo(c.expiration());
      assertThat(key.principalArn()).isEqualTo(c.arn());
    }
  }

  @Test
  void expiredSessionsStayKnownForAnHourThenArePurged() {
    String id;
    try (IdentityStore store = open()) {
      store.policies().createRole("exec", "/", LAMBDA_TRUST, null, 3600);
      TemporaryCredentials c =
          store.assumeRole("arn:aws:iam::123456789012:role/exec", "job", Duration.ofMinutes(15));
      now.set(now.get().plus(Duration.ofMinutes(15)).plus(IdentityStore.PURGE_AFTER));
      store.refresh();
      assertThat(store.find(c.accessKeyId())).isPresent(); // expired: the verifier says so
      now.set(now.get().plusSeconds(1));
      store.refresh();
      assertThat(store.find(c.accessKeyId())).isEmpty();
      id = c.accessKeyId();
    }
    try (IdentityStore again = open()) {
      assertThat(again.find(id)).isEmpty(); // purged from the file, not only the snapshot
    }
  }

  @Test
  void theAdministratorHoldsAdministratorAccess() {
    try (IdentityStore store = open()) {
      store.bootstrapAdministrator().orElseThrow();
      assertThat(store.policies().attached(Holder.USER, "admin"))
          .containsExactly(IdentityStore.ADMINISTRATOR_ACCESS);
      assertThat(store.identityPolicies("arn:aws:iam::123456789012:user/admin")).hasSize(1);
    }
  }

  @Test
  void aTrustPolicyNamingTheCallerAllowsByItselfOneNamingTheAccountNeedsTheCallersPolicy() {
    String alice = "arn:aws:iam::123456789012:user/alice";
    Request request = Request.of(alice, "sts:AssumeRole", "arn:aws:iam::123456789012:role/r");
    PolicyDocument namesAlice = trust("\"" + alice + "\"");
    PolicyDocument namesRoot = trust("\"arn:aws:iam::123456789012:root\"");
    PolicyDocument namesAccount = trust("\"123456789012\"");
    PolicyDocument allowAssume =
        PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}",
            PolicyKind.IDENTITY);
    PolicyDocument denyAssume =
        PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
                + "\"Action\":\"sts:*\",\"Resource\":\"*\"}}",
            PolicyKind.IDENTITY);
    assertThat(TrustDecision.allows(request, namesAlice, List.of())).isTrue();
    assertThat(TrustDecision.allows(request, namesAlice, List.of(denyAssume))).isFalse();
    assertThat(TrustDecision.allows(request, namesRoot, List.of())).isFalse();
    assertThat(TrustDecision.allows(request, namesRoot, List.of(allowAssume))).isTrue();
    assertThat(TrustDecision.allows(request, namesAccount, List.of(allowAssume))).isTrue();
    assertThat(
            TrustDecision.allows(
                request, trust("\"arn:aws:iam::123456789012:user/bob\""), List.of(allowAssume)))
        .isFalse();
    Request session =
        Request.of(
            "arn:aws:sts::123456789012:assumed-role/other/s",
            "sts:AssumeRole",
            "arn:aws:iam::123456789012:role/r");
    assertThat(
            TrustDecision.allows(
                session, trust("\"arn:aws:iam::123456789012:role/other\""), List.of()))
        .isTrue();
    assertThat(TrustDecision.allows(request, trust("\"*\""), List.of())).isTrue();
  }

  private static PolicyDocument trust(String principal) {
    return PolicyRules.trust(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + principal
            + "},\"Action\":\"sts:AssumeRole\"}}");
  }

  @Test
  void validatesAsStsAndIamDo() {
    assertThatThrownBy(() -> IamValidation.sessionName("a"))
        .hasMessage(
            "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 2");
    assertThatThrownBy(() -> IamValidation.sessionName("a b"))
        .hasMessageContaining("Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    assertThatThrownBy(() -> IamValidation.seconds("100", "durationSeconds", 900, 43200, 3600))
        .hasMessage(
            "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 900");
    assertThat(IamValidation.seconds(null, "durationSeconds", 900, 43200, 3600)).isEqualTo(3600);
    assertThatThrownBy(() -> IamValidation.roleName("x".repeat(65)))
        .hasMessageContaining(
            "at 'roleName' failed to satisfy constraint: Member must have length"
                + " less than or equal to 64");
    assertThatThrownBy(() -> IamValidation.scope("Mine"))
        .hasMessageContaining("Member must satisfy enum value set: [All, AWS, Local]");
    assertThat(IamWire.encoded("{\"a\": \"b c+\"}")).isEqualTo("%7B%22a%22%3A%20%22b%20c%2B%22%7D");
  }
}
