package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** FunctionConfiguration's {@code ImageConfigResponse}: the function's ImageConfig, as set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfigResponse(@JsonProperty("ImageConfig") ImageConfig imageConfig) {}
