package dev.outlet.server.testkit;

import java.util.ArrayList;
import java.util.List;

/** The AWS CLI's arguments for container-image functions, as the image tests write them. */
public final class ImageFunctions {
  public static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  private ImageFunctions() {}

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
