package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * GetFunction's {@code Code}: a URL (on Outlet) serving a zip package; for a container image, the
 * image as named and as resolved ({@code RepositoryType: ECR}).
 */
@com.fasterxml.jackson.annotation.JsonInclude(
    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record FunctionCodeLocation(
    @JsonProperty("RepositoryType") String repositoryType,
    @JsonProperty("Location") String location,
    @JsonProperty("ImageUri") String imageUri,
    @JsonProperty("ResolvedImageUri") String resolvedImageUri) {

  /** A zip package served at {@code location}. */
  public FunctionCodeLocation(String repositoryType, String location) {
    this(repositoryType, location, null, null);
  }
}
