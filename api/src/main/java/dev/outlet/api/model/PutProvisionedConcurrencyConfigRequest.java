package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** PutProvisionedConcurrencyConfig's body. */
public record PutProvisionedConcurrencyConfigRequest(
    @JsonProperty("ProvisionedConcurrentExecutions") Integer provisionedConcurrentExecutions) {}
