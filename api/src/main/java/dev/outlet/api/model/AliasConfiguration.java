package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An alias as the alias operations answer it ({@code RoutingConfig} left out when none). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AliasConfiguration(
    @JsonProperty("AliasArn") String aliasArn,
    @JsonProperty("Name") String name,
    @JsonProperty("FunctionVersion") String functionVersion,
    @JsonProperty("Description") String description,
    @JsonProperty("RoutingConfig") AliasRoutingConfiguration routingConfig,
    @JsonProperty("RevisionId") String revisionId) {}
