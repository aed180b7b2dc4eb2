package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code SnapStart} of CreateFunction and UpdateFunctionConfiguration: {@code PublishedVersions} or
 * {@code None}.
 */
public record SnapStart(@JsonProperty("ApplyOn") String applyOn) {}
