package dev.outlet.server.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian AWS CLI v2 at exactly {@code /usr/bin/aws}, aimed at one Outlet endpoint and isolated
 * from any profile. Always with {@code --endpoint-url}: this CLI ignores {@code AWS_ENDPOINT_URL}
 * and would call AWS itself.
 */
public final class AwsCli {
  public static final Path AWS = Path.of("/usr/bin/aws");

  private AwsCli() {}

  /** Skips the calling test class, visibly, when the CLI is not installed. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(AWS),
        "AWS CLI v2 not installed at /usr/bin/aws: apt-get install awscli");
  }

  /**
   * A process builder for {@code aws ARGS --endpoint-url ENDPOINT --output json} with test
   * credentials, region us-east-1, no pager, and config files under {@code work} that do not exist;
   * the caller sets up redirections and starts it.
   */
  public static ProcessBuilder command(String endpoint, Path work, List<String> args) {
    List<String> command = new ArrayList<>(List.of(AWS.toString()));
    command.addAll(args);
    command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
    return pb;
  }
}
