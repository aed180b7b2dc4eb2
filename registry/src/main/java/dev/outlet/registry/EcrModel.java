package dev.outlet.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** ECR's requests and responses, with its member names (absent members null, left out). */
final class EcrModel {
  private EcrModel() {}

  // ---- requests

  record ScanningConfiguration(Boolean scanOnPush) {}

  record CreateRepositoryRequest(
      String registryId,
      String repositoryName,
      String imageTagMutability,
      ScanningConfiguration imageScanningConfiguration,
      List<Map<String, String>> tags) {}

  record DescribeRepositoriesRequest(
      String registryId, List<String> repositoryNames, Integer maxResults, String nextToken) {}

  record RepositoryRequest(String registryId, String repositoryName, Boolean force) {}

  record ImageIdentifier(String imageDigest, String imageTag) {}

  record ImageFilter(String tagStatus) {}

  record ImagesRequest(
      String registryId,
      String repositoryName,
      List<ImageIdentifier> imageIds,
      ImageFilter filter,
      Integer maxResults,
      String nextToken) {}

  record TagMutabilityRequest(
      String registryId, String repositoryName, String imageTagMutability) {}

  record LifecyclePolicyRequest(
      String registryId, String repositoryName, String lifecyclePolicyText) {}

  // ---- responses

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RepositoryView(
      String repositoryArn,
      String registryId,
      String repositoryName,
      String repositoryUri,
      Instant createdAt,
      String imageTagMutability,
      ScanningConfiguration imageScanningConfiguration,
      Map<String, String> encryptionConfiguration) {}

  record RepositoryResult(RepositoryView repository) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RepositoriesResult(List<RepositoryView> repositories, String nextToken) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageDetail(
      String registryId,
      String repositoryName,
      String imageDigest,
      List<String> imageTags,
      Long imageSizeInBytes,
      Instant imagePushedAt,
      String imageManifestMediaType,
      String artifactMediaType) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageDetailsResult(List<ImageDetail> imageDetails, String nextToken) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageId(String imageDigest, String imageTag) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageIdsResult(List<ImageId> imageIds, String nextToken) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Image(
      String registryId,
      String repositoryName,
      ImageId imageId,
      String imageManifest,
      String imageManifestMediaType) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageFailure(ImageId imageId, String failureCode, String failureReason) {}

  record BatchGetImageResult(List<Image> images, List<ImageFailure> failures) {}

  record BatchDeleteImageResult(List<ImageId> imageIds, List<ImageFailure> failures) {}

  record AuthorizationData(String authorizationToken, Instant expiresAt, String proxyEndpoint) {}

  record AuthorizationResult(List<AuthorizationData> authorizationData) {}

  record TagMutabilityResult(String registryId, String repositoryName, String imageTagMutability) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LifecyclePolicyResult(
      String registryId,
      String repositoryName,
      String lifecyclePolicyText,
      Instant lastEvaluatedAt) {}
}
