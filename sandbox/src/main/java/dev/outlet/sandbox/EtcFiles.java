package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The host's files under /etc that sandboxes see (the linker's cache, {@code resolv.conf}, time
 * zone, MIME types...), copied into the sandbox's /etc folder ({@link Userland}): a copy follows
 * the host's symbolic links, as a bind mount did, so a {@code resolv.conf} that links into {@code
 * /run} still resolves. {@link #refresh} copies again what changed on the host (modification time
 * or size), takes in a file that appeared and removes the copy of one that went: a sandbox sees the
 * change at once, running ones too, where a file bound at start kept the old one. A copy is written
 * beside and renamed into place, so a reader never sees half of one.
 *
 * <p>Thread-safe: {@link #refresh} is called by every cold start and does its work at most once a
 * second (the injected clock); the copies are this object's alone.
 */
public final class EtcFiles {
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final long CHECK_NANOS = 1_000_000_000L;

  private final Path hostEtc;
  private final Path copies;
  private final List<String> names;
  private final LongSupplier nanos;
  private final Map<String, Stamp> copied = new HashMap<>(); // guarded by this
  private long checkedAt; // guarded by this
  private boolean checkedOnce; // guarded by this

  /** When and how large a host file was when it was copied. */
  private record Stamp(long modifiedMillis, long size) {}

  /**
   * @param hostEtc the host's /etc
   * @param copies the sandbox's /etc folder
   * @param names the files of {@code hostEtc} to show (absent ones are taken in when they appear)
   */
  EtcFiles(Path hostEtc, Path copies, List<String> names, LongSupplier nanos) {
    this.hostEtc = hostEtc;
    this.copies = copies;
    this.names = List.copyOf(names);
    this.nanos = nanos;
  }

  /** Copies every file now. */
  synchronized void copyAll() throws IOException {
    for (String name : names) {
      sync(name);
    }
    checkedAt = nanos.getAsLong();
    checkedOnce = true;
  }

  /** Brings the copies up to date if the last look was more than a second ago. */
  public synchronized void refresh() {
    long now = nanos.getAsLong();
    if (checkedOnce && now - checkedAt < CHECK_NANOS) {
      return;
    }
    checkedAt = now;
    checkedOnce = true;
    for (String name : names) {
      try {
        sync(name);
      } catch (IOException e) {
        // kept as it was; the next look tries again
      }
    }
  }

  private void sync(String name) throws IOException {
    Path source = hostEtc.resolve(name);
    Path copy = copies.resolve(name);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(source, BasicFileAttributes.class); // follows links
    } catch (IOException e) {
      attributes = null;
    }
    if (attributes == null || !attributes.isRegularFile()) {
      if (copied.remove(name) != null || Files.isRegularFile(copy)) {
        Files.deleteIfExists(copy);
      }
      return;
    }
    Stamp now = new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size());
    if (now.equals(copied.get(name)) && Files.isRegularFile(copy)) {
      return;
    }
    Path partial = copies.resolve("." + name + ".copying");
    Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(partial, FILE);
    Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    copied.put(name, now);
  }
}
