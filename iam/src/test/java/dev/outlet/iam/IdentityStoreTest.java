package dev.outlet.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-12-04T10:00:00Z"));

  @TempDir Path data;

  @Test
  void makesKeysInAwssFormats() {
    try (IdentityStore store = IdentityStore.open(data, "123456789012", CLOCK)) {
      AccessKey key = store.createKey("alice", true);
      assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
      assertThat(key.secret()).matches("[A-Za-z0-9+/]{40}");
      assertThat(key.toString()).doesNotContain(key.secret());
      assertThat(store.find(key.accessKeyId()).orElseThrow().principalArn())
          .isEqualTo("arn:aws:iam::123456789012:user/alice");
      assertThat(store.find(key.accessKeyId()).orElseThrow().toString())
          .doesNotContain(key.secret());
    }
  }

  @Test
  void keepsSecretsInFilesOnlyTheirOwnerCanRead() throws Exception {
    try (IdentityStore store = IdentityStore.open(data, "123456789012", CLOCK)) {
      store.createKey("alice", true);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("iam"))))
          .isEqualTo("rwx------");
      try (var files = Files.list(data.resolve("iam"))) {
        assertThat(files.toList())
            .extracting(Path::getFileName)
            .extracting(Path::toString)
            .contains("keys.db", "keys.db-wal")
            .allSatisfy(
                name ->
                    assertThat(
                            PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(data.resolve("iam").resolve(name))))
                        .as(name)
                        .isEqualTo("rw-------"));
      }
    }
  }

  @Test
  void bootstrapsAnAdministratorOnlyIntoAnEmptyStore() {
    try (IdentityStore store = IdentityStore.open(data, "123456789012", CLOCK)) {
      AccessKey admin = store.bootstrapAdministrator().orElseThrow();
      assertThat(admin.userName()).isEqualTo("admin");
      assertThat(store.bootstrapAdministrator()).isEmpty();
    }
    try (IdentityStore again = IdentityStore.open(data, "123456789012", CLOCK)) {
      assertThat(again.bootstrapAdministrator()).isEmpty();
      assertThat(again.keys(null)).hasSize(1);
    }
  }

  @Test
  void seesKeysChangedByAnotherProcessAfterARefresh() {
    try (IdentityStore server = IdentityStore.open(data, "123456789012", CLOCK);
        IdentityStore cli = IdentityStore.open(data, "123456789012", CLOCK)) {
      AccessKey key = cli.createKey("bob", true);
      assertThat(server.find(key.accessKeyId())).isEmpty();
      server.refresh();
      assertThat(server.find(key.accessKeyId())).isPresent();
      cli.setStatus(key.accessKeyId(), null, AccessKey.Status.Inactive);
      server.refresh();
      assertThat(server.find(key.accessKeyId())).isEmpty();
      cli.deleteKey(key.accessKeyId(), "bob");
      assertThatThrownBy(() -> cli.deleteKey(key.accessKeyId(), "bob"))
          .hasMessage("The Access Key with id " + key.accessKeyId() + " cannot be found.");
    }
  }

  @Test
  void refusesWhatIamRefusesAndLeavesNothingBehind() {
    try (IdentityStore store = IdentityStore.open(data, "123456789012", CLOCK)) {
      assertThatThrownBy(() -> store.createKey("nobody", false))
          .isInstanceOfSatisfying(
              IamException.class,
              e -> {
                assertThat(e.queryCode()).isEqualTo("NoSuchEntity");
                assertThat(e.status()).isEqualTo(404);
                assertThat(e).hasMessage("The user with name nobody cannot be found.");
              });
      User carol = store.createUser("carol", "/team/");
      assertThat(carol.userId()).matches("AIDA[A-Z2-7]{16}");
      assertThat(carol.arn("123456789012")).isEqualTo("arn:aws:iam::123456789012:user/team/carol");
      assertThatThrownBy(() -> store.createUser("carol", "/"))
          .hasMessage("User with name carol already exists.");
      store.createKey("carol", false);
      store.createKey("carol", false);
      assertThatThrownBy(() -> store.createKey("carol", false))
          .hasMessage("Cannot exceed quota for AccessKeysPerUser: 2");
      assertThat(store.keys("carol")).hasSize(2);
      assertThatThrownBy(() -> store.deleteUser("carol"))
          .hasMessage("Cannot delete entity, must delete access keys first.");
      assertThat(store.user("carol")).isPresent();
      store.keys("carol").forEach(k -> store.deleteKey(k.accessKeyId(), "carol"));
      store.deleteUser("carol");
      assertThat(store.users()).isEmpty();
    }
  }
}
