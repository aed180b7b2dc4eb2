package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The external extensions a function's layers bring: the executable files directly in {@code
 * /opt/extensions}, by name, sorted (as the sandbox's shell starts them). A merged layer folder
 * never changes once made (it is content-addressed), so each is listed once.
 */
final class ExtensionFiles {
  static final String DIR = "extensions";

  private static final Set<PosixFilePermission> EXEC =
      Set.of(
          PosixFilePermission.OWNER_EXECUTE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE);

  private static final Map<Path, List<String>> LISTED = new ConcurrentHashMap<>();

  private ExtensionFiles() {}

  /** The extensions' names; empty without layers or without {@code extensions/}. */
  static List<String> names(Path opt) {
    if (opt == null) {
      return List.of();
    }
    return LISTED.computeIfAbsent(opt, ExtensionFiles::list);
  }

  private static List<String> list(Path opt) {
    Path dir = opt.resolve(DIR);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".")
            && Files.isRegularFile(f)
            && !Collections.disjoint(Files.getPosixFilePermissions(f), EXEC)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    Collections.sort(names);
    return List.copyOf(names);
  }
}
