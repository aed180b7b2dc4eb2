package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** UpdateAlias's body: what it names replaces the current value. */
public record UpdateAliasRequest(
    @JsonProperty("FunctionVersion") String functionVersion,
    @JsonProperty("Description") String description,
    @JsonProperty("RoutingConfig") AliasRoutingConfiguration routingConfig,
    @JsonProperty("RevisionId") String revisionId) {}
