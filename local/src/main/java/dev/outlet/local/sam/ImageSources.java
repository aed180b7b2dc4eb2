package dev.outlet.local.sam;

import dev.outlet.images.LocalImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code PackageType: Image} function's image: {@code ImageUri} (a registry URI, or an
 * image on this machine), else the resource's {@code Metadata} as {@code sam build} reads it.
 * Outlet builds no Dockerfile (no daemon): {@code Metadata.ImageArchive} names a built image
 * (relative to {@code DockerContext}, else to the template), else {@code DockerContext} must be one
 * (an OCI layout folder or an image tarball) or hold one as {@code image/} (a layout) or {@code
 * image.tar}.
 */
final class ImageSources {
  /** Where a built image is looked for in a {@code DockerContext}. */
  static final List<String> IN_CONTEXT = List.of("image", "image.tar");

  private ImageSources() {}

  static SamImage read(Path dir, String at, Map<String, Object> props, Map<String, Object> metadata)
      throws TemplateException {
    Map<String, Object> config = SamReader.map(props.get("ImageConfig"));
    List<String> entryPoint = strings(config.get("EntryPoint"), at + "ImageConfig.EntryPoint");
    List<String> command = strings(config.get("Command"), at + "ImageConfig.Command");
    String workdir =
        config.get("WorkingDirectory") == null
            ? null
            : String.valueOf(config.get("WorkingDirectory"));
    Object uri = props.get("ImageUri");
    if (uri != null) {
      String text = String.valueOf(uri);
      if (!LocalImage.isLocal(text, dir)) {
        return new SamImage(text, false, entryPoint, command, workdir);
      }
      LocalImage local = LocalImage.parse(text, dir);
      if (!Files.exists(local.path())) {
        throw new TemplateException(at + "ImageUri: " + local.path() + " does not exist");
      }
      return new SamImage(local.toString(), true, entryPoint, command, workdir);
    }
    String meta = at.replace(".Properties.", ".Metadata.");
    Object context = metadata.get("DockerContext");
    Object archive = metadata.get("ImageArchive");
    if (context == null && archive == null) {
      throw new TemplateException(
          at
              + "ImageUri: missing: a PackageType Image function needs an ImageUri (a registry"
              + " URI, an OCI layout folder or an image tarball) or Metadata.DockerContext");
    }
    Path ctx = context == null ? dir : dir.resolve(String.valueOf(context)).normalize();
    if (archive != null) {
      LocalImage local = LocalImage.parse(String.valueOf(archive), ctx);
      if (!Files.exists(local.path())) {
        throw new TemplateException(meta + "ImageArchive: " + local.path() + " does not exist");
      }
      return new SamImage(local.toString(), true, entryPoint, command, workdir);
    }
    if (!Files.exists(ctx)) {
      throw new TemplateException(meta + "DockerContext: " + ctx + " does not exist");
    }
    for (Path candidate : candidates(ctx)) {
      if (Files.isRegularFile(candidate) || Files.isRegularFile(candidate.resolve("oci-layout"))) {
        return new SamImage(candidate.toString(), true, entryPoint, command, workdir);
      }
    }
    String dockerfile =
        metadata.get("Dockerfile") == null
            ? "Dockerfile"
            : String.valueOf(metadata.get("Dockerfile"));
    throw new TemplateException(
        meta
            + "DockerContext: "
            + ctx
            + (Files.exists(ctx.resolve(dockerfile)) ? " holds a " + dockerfile + " but" : "")
            + " holds no built image, and Outlet cannot build Dockerfiles (no Docker daemon)."
            + " Build the image, then save it as "
            + ctx.resolve("image")
            + " (an OCI layout) or "
            + ctx.resolve("image.tar")
            + ", e.g. without Docker: cd "
            + ctx
            + " && buildah bud -t x . && skopeo copy containers-storage:localhost/x"
            + " oci:./image:latest; with Docker: docker build -t x . && docker save -o image.tar x."
            + " Or set ImageUri, or Metadata.ImageArchive to the built image.");
  }

  private static List<Path> candidates(Path ctx) {
    List<Path> out = new ArrayList<>();
    out.add(ctx);
    if (Files.isDirectory(ctx)) {
      IN_CONTEXT.forEach(n -> out.add(ctx.resolve(n)));
    }
    return out;
  }

  private static List<String> strings(Object v, String at) throws TemplateException {
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> l)) {
      throw new TemplateException(at + ": not a list of strings");
    }
    return l.stream().map(String::valueOf).toList();
  }
}
