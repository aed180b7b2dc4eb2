package dev.outlet.storage;

import static dev.outlet.storage.TestZips.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LambdaException;
import dev.outlet.edge.testkit.Fuzz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Zip intake of function code (CreateFunction's and UpdateFunctionCode's {@code ZipFile}): a
 * mutated package (entries with {@code ..}, absolute paths, symbolic links out, declared sizes that
 * lie, bombs, many entries) is extracted or refused with a {@link LambdaException}
 * (InvalidParameterValueException), within {@link Fuzz#BOUND}; nothing is ever written outside the
 * package's folder, and no extracted tree exceeds Lambda's unzipped limit.
 */
class PackageExtractorProperties {
  private static final String SCRIPT = "#!/bin/sh\necho hi\n";

  private static List<byte[]> samples() {
    return List.of(
        zip().executable("bootstrap", SCRIPT).dir("lib").file("lib/a.txt", "a", 0644).bytes(),
        zip().executable("bootstrap", SCRIPT).symlink("lib/l", "../bootstrap").bytes(),
        zip().symlink("up", "..").file("up/x", "x", 0644).bytes(),
        zip().file("../../x", "x", 0644).file("/abs", "y", 0644).bytes(),
        zip().zeros("zeros", 2 << 20).bytes(),
        zip().windowsFile("a\\b\\c.txt", "w").file("./d/./e", "e", 0600).bytes());
  }

  @Provide
  Arbitrary<byte[]> packages() {
    return Fuzz.mutationsOf(samples());
  }

  private static void check(byte[] zip) throws IOException {
    Path jail = Files.createTempDirectory("zip-fuzz");
    try {
      Path root = Files.createDirectory(jail.resolve("root"));
      Fuzz.run(
          zip,
          () -> {
            PackageExtractor.extract(zip, root);
            return null;
          },
          LambdaException.class);
      try (Stream<Path> outside = Files.list(jail)) {
        assertThat(outside.toList()).as("nothing outside the package's folder").containsOnly(root);
      }
      assertThat(size(root)).isLessThanOrEqualTo(dev.outlet.core.Limits.UNZIPPED_CODE);
    } finally {
      try (Stream<Path> all = Files.walk(jail)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static long size(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  @Property(tries = 300)
  void aMutatedPackageIsExtractedInsideItsFolderOrRefused(@ForAll("packages") byte[] zip)
      throws IOException {
    check(zip);
  }

  @Example
  void aValidSampleIsExtracted() throws IOException {
    Path root = Files.createTempDirectory("zip-sample");
    try {
      PackageExtractor.extract(samples().getFirst(), root);
      assertThat(root.resolve("lib/a.txt")).hasContent("a");
      assertThat(Files.isExecutable(root.resolve("bootstrap"))).isTrue();
    } finally {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Example
  void theCommittedCorpusIsHandled() throws IOException {
    for (byte[] z : Fuzz.corpus(getClass(), "/fuzz-corpus/packages.txt")) {
      check(z);
    }
  }
}
