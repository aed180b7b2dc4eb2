package dev.outlet.server.testkit;

import java.util.ArrayList;
import java.util.List;

/** The AWS CLI's arguments for container-image functions, as the image tests write them. */
public final class ImageFunctions {
  public static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  private ImageFunctions() {}

  /**
   * Skips the calling test, with the reason, where image functions cannot run here (no bubblewrap,
   * no Go); else builds the test's image runtime (src/test/resources/image-runtime/main.go: it
   * answers with what it sees of its sandbox) into {@code work} and returns the static binary.
   */
  public static java.nio.file.Path runtime(java.nio.file.Path work) throws Exception {
    GoEcho.assumeInstalled();
    dev.outlet.sandbox.Protections p =
        dev.outlet.sandbox.Protections.probe(
            dev.outlet.sandbox.Protections.DEFAULT_BWRAP,
            dev.outlet.sandbox.Protections.DEFAULT_CGROUP_ROOT,
            dev.outlet.sandbox.Protections.DEFAULT_QEMU);
    org.assertj.core.api.Assumptions.assumeThat(p.isolated())
        .as("bubblewrap unavailable: " + p.bwrapProblem())
        .isTrue();
    return GoEcho.build(
        java.nio.file.Files.createDirectories(work),
        java.nio.file.Path.of(
            System.getProperty("user.dir"), "src/test/resources/image-runtime/main.go"),
        "amd64");
  }

  /**
   * {@code aws lambda create-function} of {@code name} from {@code imageUri}, then {@code more}.
   */
  public static String[] create(String name, String imageUri, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "lambda",
                "create-function",
                "--function-name",
                name,
                "--package-type",
                "Image",
                "--code",
                "ImageUri=" + imageUri,
                "--role",
                ROLE));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
