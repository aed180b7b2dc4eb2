package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code SnapStart} as FunctionConfiguration reports it: {@code ApplyOn} as the function has it,
 * {@code OptimizationStatus} {@code On} only for a version published with {@code PublishedVersions}
 * ({@code $LATEST} is never optimized).
 */
public record SnapStartResponse(
    @JsonProperty("ApplyOn") String applyOn,
    @JsonProperty("OptimizationStatus") String optimizationStatus) {

  /** SnapStart off. */
  public static final SnapStartResponse OFF = new SnapStartResponse("None", "Off");

  /** {@code applyOn} as a version ({@code published}) or {@code $LATEST} reports it. */
  public static SnapStartResponse of(String applyOn, boolean published) {
    boolean on = published && !"None".equals(applyOn);
    return new SnapStartResponse(applyOn, on ? "On" : "Off");
  }
}
