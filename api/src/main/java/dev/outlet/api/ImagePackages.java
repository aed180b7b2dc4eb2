package dev.outlet.api;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.ImageConfig;
import dev.outlet.api.model.UpdateFunctionCodeRequest;
import dev.outlet.core.CodeRef;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.ImageCode;
import dev.outlet.core.ImageResolver;
import dev.outlet.core.LaunchPlan;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The control plane's side of container-image functions ({@code PackageType: Image}): their code is
 * an {@link ImageCode} the {@link ImageResolver} resolved (a tag to a digest, the platform's
 * manifest, the root filesystem unpacked) and checked (something to run under the ImageConfig).
 * Thread-safe; blocking (an unpack may take seconds).
 */
final class ImagePackages {
  private volatile ImageResolver resolver = ImageResolver.NONE;

  /** From now on images come from {@code value}. */
  void use(ImageResolver value) {
    this.resolver = value;
  }

  /** CreateFunction's image and ImageConfig. */
  CodeRef created(CreateFunctionRequest request, FunctionConfig config) {
    String uri = RequestValidator.imageUri(request.code(), true);
    return checked(
        resolver
            .resolve(uri, config.architecture())
            .withSettings(RequestValidator.imageSettings(request.imageConfig())),
        config);
  }

  /** UpdateFunctionCode's image, under the function's ImageConfig as it is. */
  CodeRef updated(CodeRef current, UpdateFunctionCodeRequest request, FunctionConfig config) {
    String uri = RequestValidator.imageUri(request.code(), false);
    return checked(
        resolver.resolve(uri, config.architecture()).withSettings(current.image().settings()),
        config);
  }

  /** UpdateFunctionConfiguration's ImageConfig (null: unchanged) over the current image. */
  CodeRef reconfigured(CodeRef current, ImageConfig imageConfig, FunctionConfig config) {
    if (imageConfig == null) {
      return current;
    }
    return checked(
        current.image().withSettings(RequestValidator.imageSettings(imageConfig)), config);
  }

  /** How the sandboxes of an image function's record start. */
  LaunchPlan plan(FunctionRecord r) {
    return resolver.plan(r.code().image(), r.config().architecture());
  }

  /** Root filesystems no function or version of {@code live} uses may go. */
  void retain(Collection<Deployed> live) {
    Set<String> manifests = new HashSet<>();
    for (Deployed d : live) {
      if (d.record().code().containerImage()) {
        manifests.add(d.record().code().image().manifest());
      }
    }
    resolver.retain(manifests);
  }

  /**
   * The code of an image function, once its image and ImageConfig give something to run (else AWS's
   * InvalidParameterValueException with what is missing and the fix).
   */
  private CodeRef checked(ImageCode image, FunctionConfig config) {
    resolver.check(image, config.architecture());
    return CodeRef.of(image);
  }
}
