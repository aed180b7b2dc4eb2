package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code LoggingConfig} as the wire carries it (the domain's is {@link
 * dev.outlet.core.LoggingConfig}): in a request what changes, in a FunctionConfiguration the whole
 * setting, levels only with the JSON format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggingConfig(
    @JsonProperty("ApplicationLogLevel") String applicationLogLevel,
    @JsonProperty("LogFormat") String logFormat,
    @JsonProperty("LogGroup") String logGroup,
    @JsonProperty("SystemLogLevel") String systemLogLevel) {}
