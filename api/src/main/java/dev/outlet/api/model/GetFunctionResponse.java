package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * GetFunction's answer: the configuration, where to download the package, and the reserved
 * concurrency (left out when none is set).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetFunctionResponse(
    @JsonProperty("Configuration") FunctionConfiguration configuration,
    @JsonProperty("Code") FunctionCodeLocation code,
    @JsonProperty("Concurrency") Concurrency concurrency) {}
