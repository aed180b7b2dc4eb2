package dev.outlet.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Path rules for a package tree: which zip entry names are safe, and where a symbolic link really
 * leads. Stateless; the link resolution reads links already created under the root.
 */
final class PackagePaths {

  /** What a symbolic link resolves to, judged from inside the tree. */
  enum LinkTarget {
    INSIDE,
    OUTSIDE,
    LOOP
  }

  /** The kernel's own limit on links followed in one lookup (ELOOP). */
  static final int MAX_LINK_HOPS = 40;

  /** {@code C:} or {@code C:/...}: harmless on Linux, but only a hostile or broken zip has it. */
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

  private PackagePaths() {}

  /**
   * The segments of an entry name, with empty and {@code .} segments dropped.
   *
   * @throws dev.outlet.core.LambdaException InvalidParameterValueException for a name that is
   *     absolute, climbs with {@code ..}, holds a NUL or a backslash
   */
  static List<String> segments(String name) {
    if (name.indexOf('\0') >= 0) {
      throw PackageErrors.corrupt(
          "The entry " + PackageErrors.quote(name) + " has a NUL character in its name.");
    }
    // Refused rather than read as a separator: "a\..\..\x" is a zip-slip on tools that do, and a
    // literal backslash in a Linux file name is never what the author meant.
    if (name.indexOf('\\') >= 0) {
      throw PackageErrors.corrupt(
          "The entry "
              + PackageErrors.quote(name)
              + " has a backslash in its name: zip entry names must use '/' (rebuild the zip with"
              + " zip, 7-Zip or build-lambda-zip).");
    }
    if (name.startsWith("/") || DRIVE.matcher(name).lookingAt()) {
      throw PackageErrors.outside(name);
    }
    List<String> out = new ArrayList<>();
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        throw PackageErrors.outside(name);
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        out.add(segment);
      }
    }
    return out;
  }

  /**
   * Resolves {@code target}, a link's content, from the folder {@code folder} (segments relative to
   * {@code root}) the way the kernel would, following links met on the way. A purely lexical check
   * is not enough: with {@code a -> .}, the target {@code a/..} normalises to {@code .} but really
   * leads to the root's parent.
   */
  static LinkTarget resolveLink(Path root, List<String> folder, String target) throws IOException {
    List<String> position = new ArrayList<>(folder);
    return resolve(root, position, target, new int[] {0});
  }

  private static LinkTarget resolve(Path root, List<String> position, String target, int[] hops)
      throws IOException {
    if (target.startsWith("/")) {
      return LinkTarget.OUTSIDE;
    }
    for (String segment : target.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (position.isEmpty()) {
          return LinkTarget.OUTSIDE;
        }
        position.removeLast();
        continue;
      }
      position.add(segment);
      Path here = root.resolve(String.join("/", position));
      if (Files.isSymbolicLink(here)) {
        if (++hops[0] > MAX_LINK_HOPS) {
          return LinkTarget.LOOP;
        }
        String next = Files.readSymbolicLink(here).toString();
        position.removeLast();
        LinkTarget through = resolve(root, position, next, hops);
        if (through != LinkTarget.INSIDE) {
          return through;
        }
      }
    }
    return LinkTarget.INSIDE;
  }
}
