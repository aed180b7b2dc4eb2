package dev.outlet.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeyStoreTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-12-04T10:00:00Z"));

  @TempDir Path data;

  @Test
  void makesKeysInAwssFormats() {
    try (AccessKeyStore store = AccessKeyStore.open(data, "123456789012", CLOCK)) {
      AccessKey key = store.create("alice");
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
    try (AccessKeyStore store = AccessKeyStore.open(data, "123456789012", CLOCK)) {
      store.create("alice");
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
    try (AccessKeyStore store = AccessKeyStore.open(data, "123456789012", CLOCK)) {
      AccessKey admin = store.bootstrapAdministrator().orElseThrow();
      assertThat(admin.userName()).isEqualTo("admin");
      assertThat(store.bootstrapAdministrator()).isEmpty();
    }
    try (AccessKeyStore again = AccessKeyStore.open(data, "123456789012", CLOCK)) {
      assertThat(again.bootstrapAdministrator()).isEmpty();
      assertThat(again.list()).hasSize(1);
    }
  }

  @Test
  void seesKeysChangedByAnotherProcessAfterARefresh() {
    try (AccessKeyStore server = AccessKeyStore.open(data, "123456789012", CLOCK);
        AccessKeyStore cli = AccessKeyStore.open(data, "123456789012", CLOCK)) {
      AccessKey key = cli.create("bob");
      assertThat(server.find(key.accessKeyId())).isEmpty();
      server.refresh();
      assertThat(server.find(key.accessKeyId())).isPresent();
      cli.setStatus(key.accessKeyId(), AccessKey.Status.Inactive);
      server.refresh();
      assertThat(server.find(key.accessKeyId())).isEmpty();
      assertThat(cli.delete(key.accessKeyId())).isTrue();
      assertThat(cli.delete(key.accessKeyId())).isFalse();
    }
  }
}
