package dev.outlet.server;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.outlet.server.LocalInvokeCommandTest.Result;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SAM application folder with one Python function ({@code <folder>/app.py}) and its {@code
 * template.yaml}, deployed by {@code outlet deploy} onto a real Outlet it starts; the AWS CLI at
 * /usr/bin/aws reads the result.
 */
final class SamApp implements AutoCloseable {
  final Path dir;
  final TestServer server;
  final AwsCli aws;

  private SamApp(Path dir, TestServer server, AwsCli aws) {
    this.dir = dir;
    this.server = server;
    this.aws = aws;
  }

  /** Writes the app under {@code root}; skipped (with the reason) without the CLI or Python. */
  static SamApp start(Path root, String name, String folder, String handler, String template)
      throws IOException {
    AwsCli.assumeInstalled();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/python3.11")))
        .as("Python 3.11 not installed at /usr/bin/python3.11")
        .isTrue();
    Path dir = root.resolve(name);
    Files.createDirectories(dir.resolve(folder));
    Files.writeString(dir.resolve(folder + "/app.py"), handler);
    Files.writeString(dir.resolve("template.yaml"), template);
    TestServer server = TestServer.start(root.resolve("data"));
    return new SamApp(dir, server, new AwsCli(server.endpoint(), root.resolve("cli")));
  }

  Path template() {
    return dir.resolve("template.yaml");
  }

  Result deploy() {
    return LocalInvokeCommandTest.run(
        "deploy", "--template", template().toString(), "--endpoint", server.endpoint());
  }

  @Override
  public void close() {
    server.close();
  }
}
