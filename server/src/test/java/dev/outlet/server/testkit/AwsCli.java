package dev.outlet.server.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Debian AWS CLI v2 at exactly /usr/bin/aws against an endpoint, with throw-away
 * credentials and no user configuration. Every call passes {@code --endpoint-url} (this CLI ignores
 * {@code AWS_ENDPOINT_URL} and would call AWS itself).
 *
 * <p>Calls run the file /usr/bin/aws in a process forked from a Python that already imported the
 * CLI ({@link AwsZygote}): the same code, arguments, environment, directory and files, without
 * Python's start-up on every call (it was most of the suite's CPU). {@link #spawned()} runs each
 * call as its own {@code /usr/bin/aws} process instead; so does every call where that Python cannot
 * start.
 */
public final class AwsCli {
  public static final Path AWS = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final String endpoint;
  private final Path work;
  private final String accessKeyId;
  private final String secret;
  private final String sessionToken;
  private final boolean spawn;

  public AwsCli(String endpoint, Path work) {
    this(endpoint, work, "test", "test");
  }

  /** A CLI that signs with this key (Outlet in {@code --auth iam} mode). */
  public AwsCli(String endpoint, Path work, String accessKeyId, String secret) {
    this(endpoint, work, accessKeyId, secret, null);
  }

  /** A CLI that signs with temporary credentials ({@code AWS_SESSION_TOKEN}). */
  public AwsCli(
      String endpoint, Path work, String accessKeyId, String secret, String sessionToken) {
    this(endpoint, work, accessKeyId, secret, sessionToken, false);
  }

  private AwsCli(
      String endpoint,
      Path work,
      String accessKeyId,
      String secret,
      String sessionToken,
      boolean spawn) {
    this.endpoint = endpoint;
    this.work = work;
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.sessionToken = sessionToken;
    this.spawn = spawn;
  }

  /** This CLI with every call its own {@code /usr/bin/aws} process, started by the kernel. */
  public AwsCli spawned() {
    return new AwsCli(endpoint, work, accessKeyId, secret, sessionToken, true);
  }

  /** Skips the calling test class, with the reason, where the CLI is not installed. */
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
    return command(endpoint, work, args, "test", "test", null);
  }

  private static ProcessBuilder command(
      String endpoint,
      Path work,
      List<String> args,
      String accessKeyId,
      String secret,
      String sessionToken) {
    List<String> command = new ArrayList<>(List.of(AWS.toString()));
    command.addAll(arguments(endpoint, args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    environment(pb.environment(), work, accessKeyId, secret, sessionToken);
    return pb;
  }

  private static List<String> arguments(String endpoint, List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    return all;
  }

  /** The JVM's environment without its AWS_ variables, and the test's credentials and files. */
  private static Map<String, String> environment(
      Map<String, String> env, Path work, String accessKeyId, String secret, String sessionToken) {
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", accessKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", secret);
    if (sessionToken != null) {
      env.put("AWS_SESSION_TOKEN", sessionToken);
    }
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
    return env;
  }

  /** What one CLI run left behind. */
  public record Run(int exit, String out, String err) {
    public JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    /** Asserts success and returns the JSON output. */
    public JsonNode ok() {
      if (exit != 0) {
        throw new AssertionError("aws failed (" + exit + "): " + err);
      }
      return out.isBlank() ? JSON.nullNode() : json();
    }
  }

  /** Runs the CLI, asserts it succeeded, and returns its JSON output (null node when none). */
  public JsonNode ok(String... args) {
    return run(args).ok();
  }

  /** Runs the CLI, asserts it failed, and returns what it printed on stderr (AWS's error). */
  public String fails(String... args) {
    Run run = run(args);
    if (run.exit() == 0) {
      throw new AssertionError("aws " + String.join(" ", args) + " succeeded: " + run.out());
    }
    return run.err();
  }

  public Run run(String... args) {
    try {
      Files.createDirectories(work);
      Path out = Files.createTempFile(work, "aws", ".out");
      Path err = Files.createTempFile(work, "aws", ".err");
      AwsZygote zygote = spawn ? null : AwsZygote.shared();
      if (zygote != null) {
        Map<String, String> env =
            environment(new HashMap<>(System.getenv()), work, accessKeyId, secret, sessionToken);
        int exit = zygote.run(arguments(endpoint, List.of(args)), env, work, out, err, TIMEOUT);
        return new Run(exit, Files.readString(out), Files.readString(err));
      }
      Process p =
          command(endpoint, work, List.of(args), accessKeyId, secret, sessionToken)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 90 s");
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
