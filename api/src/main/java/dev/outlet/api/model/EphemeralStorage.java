package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code EphemeralStorage}: the size of {@code /tmp} in MB. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EphemeralStorage(@JsonProperty("Size") Integer size) {}
