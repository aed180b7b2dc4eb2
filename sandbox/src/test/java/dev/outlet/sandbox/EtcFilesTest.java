package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcFilesTest {
  @TempDir Path tmp;

  @Test
  void theSandboxEtcHoldsCopiesFollowingLinksFoldersAsMountPointsAndOutletsOwnFiles()
      throws Exception {
    Path host = Files.createDirectories(tmp.resolve("host"));
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("stub-resolv.conf"), "nameserver 127.0.0.53\n");
    Files.createSymbolicLink(host.resolve("resolv.conf"), run.resolve("stub-resolv.conf"));
    Files.writeString(host.resolve("ld.so.cache"), "cache");
    Files.setPosixFilePermissions(
        host.resolve("ld.so.cache"), PosixFilePermissions.fromString("rw-------"));
    Files.createDirectories(host.resolve("ssl/certs"));
    Files.writeString(host.resolve("shadow"), "secret");
    Path dir = tmp.resolve("sandbox-etc");

    Userland userland = Userland.prepare(dir, host);

    assertThat(userland.hostEntries()).containsExactly(host.resolve("ssl"));
    assertThat(Files.readString(dir.resolve("resolv.conf"))).isEqualTo("nameserver 127.0.0.53\n");
    assertThat(Files.isSymbolicLink(dir.resolve("resolv.conf"))).isFalse();
    assertThat(Files.getPosixFilePermissions(dir.resolve("ld.so.cache")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.getPosixFilePermissions(dir))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Files.isDirectory(dir.resolve("ssl"))).isTrue();
    assertThat(dir.resolve("ssl")).isEmptyDirectory();
    assertThat(Files.readString(dir.resolve("passwd"))).contains("sbx_user1051:x:993:990");
    assertThat(dir.resolve("shadow")).doesNotExist();
  }

  @Test
  void aChangedAppearedOrRemovedHostFileIsTakenInAtTheNextLookASecondLater() throws Exception {
    Path host = Files.createDirectories(tmp.resolve("host"));
    Path dir = Files.createDirectories(tmp.resolve("copies"));
    Files.writeString(host.resolve("resolv.conf"), "nameserver 10.0.0.1\n");
    Files.writeString(host.resolve("services"), "http 80/tcp\n");
    AtomicLong clock = new AtomicLong();
    EtcFiles files =
        new EtcFiles(
            host, dir, java.util.List.of("resolv.conf", "services", "timezone"), clock::get);
    files.copyAll();
    assertThat(dir.resolve("timezone")).doesNotExist();

    Files.writeString(host.resolve("resolv.conf"), "nameserver 10.0.0.2\nsearch lan\n");
    Files.setLastModifiedTime(host.resolve("resolv.conf"), FileTime.fromMillis(1_000));
    Files.delete(host.resolve("services"));
    Files.writeString(host.resolve("timezone"), "Europe/Paris\n");
    clock.addAndGet(900_000_000L);
    files.refresh(); // within the second: not looked at
    assertThat(Files.readString(dir.resolve("resolv.conf"))).isEqualTo("nameserver 10.0.0.1\n");
    assertThat(dir.resolve("services")).exists();

    clock.addAndGet(200_000_000L);
    files.refresh();
    assertThat(Files.readString(dir.resolve("resolv.conf")))
        .isEqualTo("nameserver 10.0.0.2\nsearch lan\n");
    assertThat(dir.resolve("services")).doesNotExist();
    assertThat(Files.readString(dir.resolve("timezone"))).isEqualTo("Europe/Paris\n");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("resolv.conf", "timezone");
    }
  }
}
