package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code SnapStart} as FunctionConfiguration reports it; Outlet has no SnapStart. */
public record SnapStartResponse(
    @JsonProperty("ApplyOn") String applyOn,
    @JsonProperty("OptimizationStatus") String optimizationStatus) {

  /** SnapStart off, as every Outlet function has it. */
  public static final SnapStartResponse OFF = new SnapStartResponse("None", "Off");
}
