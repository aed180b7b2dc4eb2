package dev.outlet.core;

import java.util.Set;

/**
 * Where container-image functions' images come from: resolves an {@code ImageUri} to a digest and
 * makes that image's root filesystem. Thread-safe; blocking (it may unpack gigabytes): call it off
 * event loops.
 */
public interface ImageResolver {

  /** None: every image function is refused, naming where images are served. */
  ImageResolver NONE =
      new ImageResolver() {
        @Override
        public ImageCode resolve(String imageUri, Architecture architecture) {
          throw LambdaException.invalidParameter(
              "Source image "
                  + imageUri
                  + " is not valid. Provide a valid source image. (Container images are served"
                  + " by outlet serve's registry: push the image there.)");
        }

        @Override
        public LaunchPlan plan(ImageCode image, Architecture architecture) {
          throw LambdaException.invalidParameter(
              "Container images are not available here: use outlet serve.");
        }
      };

  /**
   * Resolves {@code imageUri} (a tag or a digest) to the image built for {@code architecture},
   * reads its config and unpacks its root filesystem (once per digest).
   *
   * @throws LambdaException InvalidParameterValueException with AWS's message (and what is wrong)
   */
  ImageCode resolve(String imageUri, Architecture architecture);

  /**
   * How a sandbox starts {@code image} (its root filesystem unpacked again if it is gone). A plan
   * whose image cannot be found any more carries the reason in {@link LaunchPlan#unavailable()}.
   *
   * @throws LambdaException InvalidParameterValueException when the image and its ImageConfig give
   *     nothing to run
   */
  LaunchPlan plan(ImageCode image, Architecture architecture);

  /**
   * Refuses an image that, under its ImageConfig, gives nothing to run (no ENTRYPOINT or CMD, a
   * relative working directory). A missing entrypoint inside the image is accepted, as AWS accepts
   * it: its invocations fail with Runtime.InvalidEntrypoint naming the file.
   *
   * @throws LambdaException InvalidParameterValueException with what is missing and the fix
   */
  default void check(ImageCode image, Architecture architecture) {}

  /** Removes the root filesystems of images not in {@code liveManifests}. Blocking. */
  default void retain(Set<String> liveManifests) {}
}
