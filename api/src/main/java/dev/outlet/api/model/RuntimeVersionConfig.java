package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code RuntimeVersionConfig}: the ARN of the runtime version the function runs on. */
public record RuntimeVersionConfig(@JsonProperty("RuntimeVersionArn") String runtimeVersionArn) {}
