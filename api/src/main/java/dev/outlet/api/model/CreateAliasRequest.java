package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CreateAlias's body. */
public record CreateAliasRequest(
    @JsonProperty("Name") String name,
    @JsonProperty("FunctionVersion") String functionVersion,
    @JsonProperty("Description") String description,
    @JsonProperty("RoutingConfig") AliasRoutingConfiguration routingConfig) {}
