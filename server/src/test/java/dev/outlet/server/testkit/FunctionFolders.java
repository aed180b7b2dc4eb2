package dev.outlet.server.testkit;

import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample functions under {@code src/test/resources/functions/<language>/<name>/}, written as
 * AWS's documentation writes them, zipped as a user zips a folder (its contents at the root).
 */
public final class FunctionFolders {
  private FunctionFolders() {}

  /** The folder of a sample function. */
  public static Path folder(String language, String name) {
    URL url = FunctionFolders.class.getResource("/functions/" + language + "/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no sample function " + language + "/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] zip(String language, String name) {
    return zip(folder(language, name));
  }

  /** The contents of {@code dir}, at the zip's root. */
  public static byte[] zip(Path dir) {
    TestZips zip = TestZips.zip();
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path f : files) {
        zip.file(
            dir.relativize(f).toString(),
            Files.readAllBytes(f),
            Files.isExecutable(f) ? 0755 : 0644);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip.bytes();
  }
}
