package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of ListVersionsByFunction: {@code $LATEST} first, then the versions by number. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListVersionsByFunctionResponse(
    @JsonProperty("NextMarker") String nextMarker,
    @JsonProperty("Versions") List<FunctionConfiguration> versions) {}
