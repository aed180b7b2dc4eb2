package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of ListProvisionedConcurrencyConfigs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListProvisionedConcurrencyConfigsResponse(
    @JsonProperty("ProvisionedConcurrencyConfigs") List<ProvisionedConcurrencyConfig> configs,
    @JsonProperty("NextMarker") String nextMarker) {}
