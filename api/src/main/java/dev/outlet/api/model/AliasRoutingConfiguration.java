package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An alias's routing: the additional version and the share of invocations it gets. */
public record AliasRoutingConfiguration(
    @JsonProperty("AdditionalVersionWeights") Map<String, Double> additionalVersionWeights) {}
