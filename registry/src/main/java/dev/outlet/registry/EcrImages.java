package dev.outlet.registry;

import dev.outlet.edge.Call;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ECR's image operations (DescribeImages, ListImages, BatchGetImage, BatchDeleteImage) and
 * GetAuthorizationToken, whose password the registry's {@code /v2/} accepts as basic authentication
 * with the user {@code AWS}.
 */
final class EcrImages {
  private final Registry registry;

  EcrImages(Registry registry) {
    this.registry = registry;
  }

  Object describe(Call call, String region) {
    EcrModel.ImagesRequest in = call.input(EcrModel.ImagesRequest.class);
    String repo = repository(in);
    List<StoredImage> images = registry.images(repo);
    List<StoredImage> chosen = new ArrayList<>();
    if (in.imageIds() != null && !in.imageIds().isEmpty()) {
      for (EcrModel.ImageIdentifier id : in.imageIds()) {
        chosen.add(
            find(images, id)
                .orElseThrow(
                    () ->
                        EcrErrors.imageNotFound(
                            "The image with imageId {imageDigest:'"
                                + id.imageDigest()
                                + "', imageTag:'"
                                + id.imageTag()
                                + "'} does not exist within the repository with name '"
                                + repo
                                + "' in the registry with id '"
                                + registry.account()
                                + "'")));
      }
    } else {
      images.stream().filter(i -> matches(in.filter(), i)).forEach(chosen::add);
    }
    Pages.Page<StoredImage> page = Pages.of(chosen, in.maxResults(), in.nextToken(), 1000);
    return new EcrModel.ImageDetailsResult(
        page.items().stream()
            .map(
                i ->
                    new EcrModel.ImageDetail(
                        registry.account(),
                        repo,
                        i.digest().toString(),
                        i.tags().isEmpty() ? null : i.tags(),
                        i.layersSize(),
                        i.pushedAt(),
                        i.mediaType(),
                        i.artifactType()))
            .toList(),
        page.nextToken());
  }

  Object list(Call call, String region) {
    EcrModel.ImagesRequest in = call.input(EcrModel.ImagesRequest.class);
    String repo = repository(in);
    List<EcrModel.ImageId> ids = new ArrayList<>();
    for (StoredImage i : registry.images(repo)) {
      if (!matches(in.filter(), i)) {
        continue;
      }
      if (i.tags().isEmpty()) {
        ids.add(new EcrModel.ImageId(i.digest().toString(), null));
      }
      i.tags().forEach(t -> ids.add(new EcrModel.ImageId(i.digest().toString(), t)));
    }
    Pages.Page<EcrModel.ImageId> page = Pages.of(ids, in.maxResults(), in.nextToken(), 1000);
    return new EcrModel.ImageIdsResult(page.items(), page.nextToken());
  }

  Object batchGet(Call call, String region) {
    EcrModel.ImagesRequest in = call.input(EcrModel.ImagesRequest.class);
    String repo = repository(in);
    List<EcrModel.Image> found = new ArrayList<>();
    List<EcrModel.ImageFailure> failures = new ArrayList<>();
    for (EcrModel.ImageIdentifier id : ids(in)) {
      EcrModel.ImageId asked = new EcrModel.ImageId(id.imageDigest(), id.imageTag());
      try {
        RegistryStore.ManifestBytes m =
            registry.manifest(repo, id.imageTag() != null ? id.imageTag() : id.imageDigest());
        if (id.imageTag() != null
            && id.imageDigest() != null
            && !m.digest().toString().equals(id.imageDigest())) {
          failures.add(
              new EcrModel.ImageFailure(
                  asked, "ImageTagDoesNotMatchDigest", "Invalid image tag for image digest"));
          continue;
        }
        found.add(
            new EcrModel.Image(
                registry.account(),
                repo,
                new EcrModel.ImageId(m.digest().toString(), id.imageTag()),
                new String(m.body(), StandardCharsets.UTF_8),
                m.mediaType()));
      } catch (RegistryError e) {
        failures.add(notFound(asked));
      }
    }
    return new EcrModel.BatchGetImageResult(found, failures);
  }

  Object batchDelete(Call call, String region) {
    EcrModel.ImagesRequest in = call.input(EcrModel.ImagesRequest.class);
    String repo = repository(in);
    List<EcrModel.ImageId> deleted = new ArrayList<>();
    List<EcrModel.ImageFailure> failures = new ArrayList<>();
    for (EcrModel.ImageIdentifier id : ids(in)) {
      EcrModel.ImageId asked = new EcrModel.ImageId(id.imageDigest(), id.imageTag());
      try {
        if (id.imageTag() != null) {
          Digest digest = registry.manifest(repo, id.imageTag()).digest();
          registry.deleteTag(repo, id.imageTag());
          deleted.add(new EcrModel.ImageId(digest.toString(), id.imageTag()));
        } else if (registry.deleteImage(repo, Digest.parse(id.imageDigest()))) {
          deleted.add(new EcrModel.ImageId(id.imageDigest(), null));
        } else {
          failures.add(notFound(asked));
        }
      } catch (RegistryError e) {
        failures.add(
            e.code() == RegistryError.Code.DIGEST_INVALID
                ? new EcrModel.ImageFailure(
                    asked, "InvalidImageDigest", "Invalid request parameters: image digest")
                : notFound(asked));
      }
    }
    return new EcrModel.BatchDeleteImageResult(deleted, failures);
  }

  static Object authorization(Registry registry, Call call, String proxyEndpoint) {
    String principal =
        call.caller() != null && call.caller().principalArn() != null
            ? call.caller().principalArn()
            : "arn:aws:iam::" + registry.account() + ":root";
    LoginTokens.Password p = registry.tokens().issue(principal);
    String token =
        Base64.getEncoder()
            .encodeToString(("AWS:" + p.password()).getBytes(StandardCharsets.UTF_8));
    return new EcrModel.AuthorizationResult(
        List.of(new EcrModel.AuthorizationData(token, p.expiresAt(), proxyEndpoint)));
  }

  private String repository(EcrModel.ImagesRequest in) {
    if (in.repositoryName() == null) {
      throw EcrErrors.invalid("repositoryName is required");
    }
    if (registry.repository(in.repositoryName()).isEmpty()) {
      throw EcrErrors.repositoryNotFound(in.repositoryName(), registry.account());
    }
    return in.repositoryName();
  }

  private static List<EcrModel.ImageIdentifier> ids(EcrModel.ImagesRequest in) {
    if (in.imageIds() == null || in.imageIds().isEmpty() || in.imageIds().size() > 100) {
      throw EcrErrors.constraint("imageIds", null, "Member must have length between 1 and 100");
    }
    for (EcrModel.ImageIdentifier id : in.imageIds()) {
      if (id == null || (id.imageDigest() == null && id.imageTag() == null)) {
        throw EcrErrors.invalid("Invalid parameter: an imageId needs an imageDigest or imageTag");
      }
    }
    return in.imageIds();
  }

  private static Optional<StoredImage> find(List<StoredImage> images, EcrModel.ImageIdentifier id) {
    return images.stream()
        .filter(
            i ->
                (id.imageDigest() == null || i.digest().toString().equals(id.imageDigest()))
                    && (id.imageTag() == null || i.tags().contains(id.imageTag())))
        .findFirst();
  }

  private static boolean matches(EcrModel.ImageFilter filter, StoredImage i) {
    String status = filter == null || filter.tagStatus() == null ? "ANY" : filter.tagStatus();
    return switch (status) {
      case "TAGGED" -> !i.tags().isEmpty();
      case "UNTAGGED" -> i.tags().isEmpty();
      case "ANY" -> true;
      default ->
          throw EcrErrors.constraint(
              "filter.tagStatus",
              status,
              "Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]");
    };
  }

  private static EcrModel.ImageFailure notFound(EcrModel.ImageId asked) {
    return new EcrModel.ImageFailure(asked, "ImageNotFound", "Requested image not found");
  }
}
