package dev.outlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Asset names come from the network: whatever name is asked, only a file inside the assets is ever
 * read, in the jar and in a development folder.
 */
class AssetsTest {
  private static Path root;
  private static Path dev;

  @BeforeContainer
  static void folder() throws IOException {
    root = Files.createTempDirectory("assets-test");
    dev = Files.createDirectories(root.resolve("assets"));
    Files.writeString(dev.resolve("app.js"), "export {};");
    Files.createDirectories(dev.resolve("pages"));
    Files.writeString(dev.resolve("pages/a.js"), "export {};");
    Files.writeString(root.resolve("secret.js"), "no");
  }

  @AfterContainer
  static void clean() throws IOException {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 2000)
  void nothingOutsideTheAssetsIsRead(@ForAll("names") String name) {
    var fromDev = new Assets(dev).find(name);
    fromDev.ifPresent(a -> assertThat(name).isIn("app.js", "pages/a.js"));
    var fromJar = new Assets(null).find(name);
    fromJar.ifPresent(a -> assertThat(name).doesNotContain("..").doesNotStartWith("/"));
  }

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> parts =
        Arbitraries.of(
            "..",
            ".",
            "",
            "/",
            "app.js",
            "pages",
            "a.js",
            "secret.js",
            "%2e%2e",
            "\\",
            "assets",
            "index.html",
            "..%2f",
            "dev",
            "outlet",
            "console",
            "Assets.class",
            "\u0000",
            "~");
    return parts
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(l -> String.join("/", l))
        .injectDuplicates(0.0)
        .edgeCases(c -> c.add("../secret.js"));
  }

  @Property(tries = 1)
  void theJarsPagesAreFound() {
    assertThat(new Assets(null).find("index.html"))
        .get()
        .extracting(Assets.Asset::contentType)
        .isEqualTo("text/html; charset=utf-8");
    assertThat(new Assets(null).find("pages/function.js")).isPresent();
    assertThat(new Assets(null).find("../ConsoleHttp.class")).isEmpty();
  }
}
