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
 * keys, none of the host's users).
 *
 * <p>{@code generated} is shown as {@code /etc} itself, read-only: Outlet's own user database,
 * {@code hosts} and {@code nsswitch.conf} (so that uid 993 has a name, {@code sbx_user1051} as on
 * Lambda, and the sandbox sees no host names), copies of the host's files ({@link EtcFiles}, kept
 * fresh), and an empty folder for each host folder, bound read-only over it. One mount for the
 * files where there was one per file: bubblewrap reads the whole mount table after every mount it
 * makes, and the thirty of /etc were 4.5 of the 10.5 ms of CPU it took to start a sandbox.
 *
 * <p>{@link LaunchCommand} turns it into mounts.
 *
 * @param hostEntries host folders under /etc to show at the same place, read-only (they exist)
 * @param generated the folder shown as /etc (null: an empty /etc)
 * @param files the host files copied into {@code generated}, or null when there are none
 */
public record Userland(List<Path> hostEntries, Path generated, EtcFiles files) {
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

  /** A userland without host files to keep fresh (tests of the command). */
  public Userland(List<Path> hostEntries, Path generated) {
    this(hostEntries, generated, null);
  }

  /** No /etc at all (tests of the command's other parts). */
  public static Userland none() {
    return new Userland(List.of(), null);
  }

  /** Copies again the host files that changed since they were copied (at most once a second). */
  public void refresh() {
    if (files != null) {
      files.refresh();
    }
  }

  /**
   * Writes Outlet's own files into {@code dir} and lists what the host has of the rest.
   *
   * @param etc the host's /etc (a test may pass another folder)
   */
  public static Userland prepare(Path dir, Path etc) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, EtcFiles.FOLDER);
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
    List<String> files = new ArrayList<>();
    for (String name : HOST_ETC) {
      Path p = etc.resolve(name);
      if (Files.isDirectory(p)) {
        entries.add(p);
      } else {
        files.add(name); // copied now if it exists, and whenever it appears or changes
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
    for (Path folder : entries) { // mount points: nothing can be made in a read-only /etc
      Path point = dir.resolve(folder.getFileName().toString());
      if (!Files.isDirectory(point, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(point);
        Files.createDirectory(point);
      }
      Files.setPosixFilePermissions(point, EtcFiles.FOLDER);
    }
    EtcFiles copies = new EtcFiles(etc, dir, files, System::nanoTime);
    copies.copyAll();
    return new Userland(entries, dir, copies);
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tmp, EtcFiles.FILE); // uid 993 reads it whatever Outlet's umask
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
