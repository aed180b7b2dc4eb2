package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A provisioned concurrency configuration as Put/Get answer it ({@code FunctionArn} null) and as
 * ListProvisionedConcurrencyConfigs lists it (with its qualified {@code FunctionArn}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvisionedConcurrencyConfig(
    @JsonProperty("FunctionArn") String functionArn,
    @JsonProperty("RequestedProvisionedConcurrentExecutions") int requested,
    @JsonProperty("AvailableProvisionedConcurrentExecutions") int available,
    @JsonProperty("AllocatedProvisionedConcurrentExecutions") int allocated,
    @JsonProperty("Status") String status,
    @JsonProperty("StatusReason") String statusReason,
    @JsonProperty("LastModified") String lastModified) {}
