package dev.outlet.images;

import dev.outlet.core.Architecture;
import dev.outlet.core.ImageCode;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LaunchPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What every {@link dev.outlet.core.ImageResolver} shares: an {@link ImageCode} made from a read
 * {@link Image}, the {@link LaunchPlan} of an unpacked one under the function's {@code
 * ImageConfig}, and AWS's message for an image that cannot be used. Pure.
 */
public final class ImageCodes {
  private ImageCodes() {}

  /**
   * The code of {@code image}, named {@code imageUri} by the request and resolved to {@code
   * resolvedImageUri}, whose top digest (a manifest or an index) is {@code digest}.
   */
  public static ImageCode of(String imageUri, String resolvedImageUri, Digest digest, Image image) {
    ImageConfig c = image.config();
    return new ImageCode(
        imageUri,
        resolvedImageUri,
        digest.toString(),
        image.manifestDigest().toString(),
        c.entrypoint(),
        c.cmd(),
        c.workingDir().orElse(null),
        c.env(),
        null);
  }

  /** The image's config as {@code code} recorded it, for {@code architecture}. */
  public static ImageConfig config(ImageCode code, Architecture architecture) {
    return new ImageConfig(
        ImageReader.platformArchitecture(architecture),
        "linux",
        code.entrypoint(),
        code.cmd(),
        code.env(),
        Optional.ofNullable(code.workingDir()),
        Optional.empty());
  }

  /** The function's {@code ImageConfig} as an override of the image's. */
  public static ImageConfigOverride override(ImageCode code) {
    var s = code.settings();
    return new ImageConfigOverride(
        s.entryPoint() == null ? List.of() : s.entryPoint(),
        s.command() == null ? List.of() : s.command(),
        Optional.ofNullable(s.workingDirectory()));
  }

  /**
   * How a sandbox starts {@code code} unpacked at {@code root}; an image that gives nothing to run
   * makes a plan whose sandboxes fail with the reason.
   */
  public static LaunchPlan plan(Path root, ImageCode code, Architecture architecture) {
    try {
      return ImagePlan.of(
          ImageLaunch.of(root, config(code, architecture), override(code)), architecture);
    } catch (ImageException e) {
      return ImagePlan.unavailable(root, e.getMessage());
    }
  }

  /**
   * Refuses {@code code} when, under its ImageConfig, it gives nothing to run (no ENTRYPOINT or
   * CMD, a relative working directory).
   *
   * @throws LambdaException InvalidParameterValueException with the reason
   */
  public static void check(ImageCode code, Architecture architecture) {
    try {
      ImageLaunch.of(Path.of("/"), config(code, architecture), override(code));
    } catch (ImageException e) {
      throw invalid(code.imageUri(), e.getMessage());
    }
  }

  /** AWS's InvalidParameterValueException for an unusable {@code ImageUri}, with the reason. */
  public static LambdaException invalid(String uri, String why) {
    return LambdaException.invalidParameter(
        "Source image " + uri + " is not valid. Provide a valid source image. (" + why + ")");
  }
}
