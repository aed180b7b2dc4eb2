package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code TracingConfig}: {@code Active} or {@code PassThrough} (Outlet sends no traces). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TracingConfig(@JsonProperty("Mode") String mode) {}
