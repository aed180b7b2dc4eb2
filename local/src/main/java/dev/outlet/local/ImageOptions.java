package dev.outlet.local;

import dev.outlet.api.model.ImageConfig;
import dev.outlet.local.sam.SamImage;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code outlet local invoke}'s container-image flags: the image and the function's {@code
 * ImageConfig} members, which override a template's.
 */
final class ImageOptions {
  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description =
          "A container image: an OCI layout folder or an image tarball (docker save, skopeo"
              + " oci-archive), optionally PATH:TAG (a tag of the layout's index.json)")
  String image;

  @Option(
      names = "--image-entrypoint",
      paramLabel = "WORD",
      description = "ImageConfig.EntryPoint, one word per use (replaces the image's ENTRYPOINT)")
  List<String> entryPoint;

  @Option(
      names = "--image-command",
      paramLabel = "WORD",
      description = "ImageConfig.Command, one word per use (replaces the image's CMD)")
  List<String> command;

  @Option(
      names = "--image-workdir",
      paramLabel = "DIR",
      description = "ImageConfig.WorkingDirectory (replaces the image's WORKDIR)")
  String workdir;

  /**
   * The flags' ImageConfig over {@code template}'s (null for none), or null when nothing is set.
   */
  ImageConfig config(SamImage template) {
    List<String> e =
        entryPoint != null ? entryPoint : template == null ? null : template.entryPoint();
    List<String> c = command != null ? command : template == null ? null : template.command();
    String w = workdir != null ? workdir : template == null ? null : template.workingDirectory();
    return e == null && c == null && w == null ? null : new ImageConfig(e, c, w);
  }
}
