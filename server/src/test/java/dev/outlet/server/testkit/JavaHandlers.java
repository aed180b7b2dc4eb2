package dev.outlet.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.storage.TestZips;
import java.nio.file.Files;
import java.nio.file.Path;

/** Java handlers compiled by the test itself, zipped as AWS's docs zip a handler class. */
public final class JavaHandlers {
  private JavaHandlers() {}

  /**
   * {@code source} (class {@code example.Handler}) compiled for {@code release} against
   * aws-lambda-java-core in {@code work}, zipped with its class at {@code example/Handler.class}.
   */
  public static byte[] compiled(Path work, String source, int release) throws Exception {
    Path src = Files.createDirectories(work.resolve("src-" + release + "/example"));
    Files.writeString(src.resolve("Handler.java"), source);
    Path out = Files.createDirectories(work.resolve("classes-" + release));
    Path api =
        Path.of(
            com.amazonaws.services.lambda.runtime.RequestHandler.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    int status =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "--release",
                Integer.toString(release),
                "-cp",
                api.toString(),
                "-d",
                out.toString(),
                src.resolve("Handler.java").toString());
    assertThat(status).as("javac").isZero();
    return TestZips.zip()
        .file(
            "example/Handler.class", Files.readAllBytes(out.resolve("example/Handler.class")), 0644)
        .bytes();
  }
}
