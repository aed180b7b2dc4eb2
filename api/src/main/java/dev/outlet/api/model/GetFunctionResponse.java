package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * GetFunction's answer: the configuration, where to download the package, the function's tags and
 * its reserved concurrency (each left out when there is none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetFunctionResponse(
    @JsonProperty("Configuration") FunctionConfiguration configuration,
    @JsonProperty("Code") FunctionCodeLocation code,
    @JsonProperty("Tags") java.util.Map<String, String> tags,
    @JsonProperty("Concurrency") Concurrency concurrency) {}
