package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's {@code /etc}: what a userland needs to work (the dynamic linker's cache, {@code
 * alternatives} behind {@code awk} and {@code java}, TLS roots, name resolution, time zones, MIME
 * types, the JDK's, Python's and OpenSSL's configuration) and nothing secret (no shadow, no SSH
 * keys, none of the host's users). Host entries are bound read-only where they exist; the user
 * database, {@code hosts} and {@code nsswitch.conf} are Outlet's own, written once at start-up, so
 * that uid 993 has a name ({@code sbx_user1051}, as on Lambda) and the sandbox sees no host names.
 *
 * <p>Immutable once prepared; {@link LaunchCommand} turns it into mounts.
 *
 * @param hostEntries host paths under /etc to show at the same place, read-only (they exist)
 * @param generated a folder of Outlet's whose files are shown under /etc (replacing the host's)
 */
public record Userland(List<Path> hostEntries, Path generated) {
  /** The user Lambda runs functions as. */
  public static final String USER = "sbx_user1051";

  /** Host entries worth showing: files and folders a function's tools read. */
  private static final List<String> HOST_ETC =
      List.of(
          "alternatives",
          "ssl",
          "ca-certificates",
          "ca-certificates.conf",
          "pki",
          "crypto-policies",
          "ld.so.cache",
          "ld.so.conf",
          "ld.so.conf.d",
          "resolv.conf",
          "host.conf",
          "gai.conf",
          "protocols",
          "services",
          "rpc",
          "os-release",
          "lsb-release",
          "debian_version",
          "system-release",
          "localtime",
          "timezone",
          "mime.types",
          "mailcap",
          "magic",
          "magic.mime",
          "shells",
          "locale.alias",
          "fonts",
          "gss",
          "nodejs");

  /** Folders under /etc named after a versioned tool: every JDK's and Python's configuration. */
  private static final List<String> HOST_ETC_PREFIXES = List.of("java-", "python3", "openjdk");

  /** The files Outlet writes itself. */
  static final List<String> GENERATED = List.of("passwd", "group", "hosts", "nsswitch.conf");

  public Userland {
    hostEntries = List.copyOf(hostEntries);
  }

  /** No /etc at all (tests of the command's other parts). */
  public static Userland none() {
    return new Userland(List.of(), null);
  }

  /**
   * Writes Outlet's own files into {@code dir} and lists what the host has of the rest.
   *
   * @param etc the host's /etc (a test may pass another folder)
   */
  public static Userland prepare(Path dir, Path etc) throws IOException {
    Files.createDirectories(dir);
    write(
        dir.resolve("passwd"),
        "root:x:0:0:root:/root:/sbin/nologin\n"
            + USER
            + ":x:"
            + LaunchCommand.SANDBOX_UID
            + ":"
            + LaunchCommand.SANDBOX_GID
            + "::/tmp:/sbin/nologin\n"
            + "nobody:x:65534:65534:nobody:/:/sbin/nologin\n");
    write(
        dir.resolve("group"),
        "root:x:0:\n" + USER + ":x:" + LaunchCommand.SANDBOX_GID + ":\nnobody:x:65534:\n");
    write(
        dir.resolve("hosts"),
        "127.0.0.1\tlocalhost sandbox.localdomain sandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    write(
        dir.resolve("nsswitch.conf"),
        "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\n"
            + "protocols: files\nservices: files\nethers: files\nrpc: files\n");
    List<Path> entries = new ArrayList<>();
    for (String name : HOST_ETC) {
      Path p = etc.resolve(name);
      if (Files.exists(p)) {
        entries.add(p);
      }
    }
    if (Files.isDirectory(etc)) {
      try (DirectoryStream<Path> all = Files.newDirectoryStream(etc)) {
        for (Path p : all) {
          String name = p.getFileName().toString();
          if (HOST_ETC_PREFIXES.stream().anyMatch(name::startsWith) && Files.isDirectory(p)) {
            entries.add(p);
          }
        }
      }
    }
    entries.sort(null);
    return new Userland(entries, dir);
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
