package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code aws lambda create-function} of a package, as a user types it, with the test's role. */
public final class CliFunctions {
  private final AwsCli aws;
  private final Path work;
  private final String role;

  public CliFunctions(AwsCli aws, Path work) {
    this(aws, work, TestServer.ROLE);
  }

  /** Functions created with {@code role} as their execution role. */
  public CliFunctions(AwsCli aws, Path work, String role) {
    this.aws = aws;
    this.work = work;
    this.role = role;
  }

  /**
   * Creates {@code name} from {@code zip} (written to a file for {@code --zip-file fileb://}) and
   * returns the CLI's answer; {@code more} are further CLI options ({@code --memory-size 512}).
   */
  public JsonNode create(String name, String runtime, String handler, byte[] zip, String... more) {
    try {
      Files.createDirectories(work);
      Path file = work.resolve(name + ".zip");
      Files.write(file, zip);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "lambda",
                  "create-function",
                  "--function-name",
                  name,
                  "--runtime",
                  runtime,
                  "--handler",
                  handler,
                  "--role",
                  role,
                  "--zip-file",
                  "fileb://" + file));
      args.addAll(List.of(more));
      return aws.run(args.toArray(String[]::new)).ok();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
