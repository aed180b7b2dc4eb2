package dev.outlet.storage;

import dev.outlet.core.Architecture;
import dev.outlet.core.LambdaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Refuses, at deploy time, a Python, Node.js or Java package whose native libraries ({@code .so},
 * {@code .so.N}, {@code .node}) are all built for the other architecture: the function would fail
 * at its first import on Lambda ({@code invalid ELF header}, {@code wrong ELF class}), and the
 * usual cause (a {@code pip install} or {@code npm install} on a laptop of the other kind) has a
 * one-line fix. A package that also holds libraries for the function's architecture (prebuilt
 * binaries for several platforms) is accepted. Reads 20 bytes of each candidate file. Stateless.
 */
final class NativeLibraries {
  private static final Pattern NATIVE = Pattern.compile(".*(\\.so(\\.[0-9.]+)?|\\.node)$");

  private NativeLibraries() {}

  /**
   * @throws LambdaException InvalidParameterValueException naming a library and the fix
   */
  static void check(Path root, Architecture function) {
    Path[] other = new Path[1];
    boolean[] matching = new boolean[1];
    Architecture[] otherArch = new Architecture[1];
    ElfHeader[] otherElf = new ElfHeader[1];
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (!attrs.isRegularFile()
                  || !NATIVE.matcher(file.getFileName().toString()).matches()) {
                return FileVisitResult.CONTINUE;
              }
              ElfHeader elf = read(file);
              Architecture arch = elf == null ? null : elf.architecture();
              if (arch == function) {
                matching[0] = true;
                return FileVisitResult.TERMINATE;
              }
              if (arch != null && other[0] == null) {
                other[0] = root.relativize(file);
                otherArch[0] = arch;
                otherElf[0] = elf;
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + root, e);
    }
    if (!matching[0] && other[0] != null) {
      throw LambdaException.invalidParameter(
          message(other[0].toString(), otherElf[0], otherArch[0], function));
    }
  }

  static String message(String file, ElfHeader elf, Architecture library, Architecture function) {
    String pipPlatform = function == Architecture.ARM64 ? "aarch64" : "x86_64";
    String npmCpu = function == Architecture.ARM64 ? "arm64" : "x64";
    return file
        + " is an ELF "
        + elf.machineName()
        + " ("
        + library.wireName()
        + ") shared library, but the function's architecture is "
        + function.wireName()
        + ", so it cannot load on Lambda: install the dependencies for "
        + function.wireName()
        + " (pip install --platform manylinux2014_"
        + pipPlatform
        + " --only-binary=:all: --target . PACKAGE, or npm install --cpu="
        + npmCpu
        + " --os=linux) or create the function with --architectures "
        + library.wireName();
  }

  private static ElfHeader read(Path file) throws IOException {
    byte[] head = new byte[ElfHeader.MIN_LENGTH];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return ElfHeader.hasMagic(head, n) ? ElfHeader.parse(head, n) : null;
  }
}
