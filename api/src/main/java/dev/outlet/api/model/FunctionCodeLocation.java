package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** GetFunction's {@code Code}: a URL (on Outlet) serving the package. */
public record FunctionCodeLocation(
    @JsonProperty("RepositoryType") String repositoryType,
    @JsonProperty("Location") String location) {}
