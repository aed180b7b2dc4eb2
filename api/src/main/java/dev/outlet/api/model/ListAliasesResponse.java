package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of ListAliases, by alias name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListAliasesResponse(
    @JsonProperty("NextMarker") String nextMarker,
    @JsonProperty("Aliases") List<AliasConfiguration> aliases) {}
