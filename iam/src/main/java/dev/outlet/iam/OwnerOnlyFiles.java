package dev.outlet.iam;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes the folder and file that hold secrets readable by their owner only (0700 and 0600) before
 * anything is written to them. SQLite gives its {@code -wal} and {@code -shm} files the database
 * file's mode, so they inherit 0600.
 */
final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  static Path prepare(Path folder, String fileName) throws IOException {
    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
    Files.setPosixFilePermissions(folder, FOLDER);
    Path file = folder.resolve(fileName);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException e) {
      // kept; its mode is set again below
    }
    Files.setPosixFilePermissions(file, FILE);
    return file;
  }
}
