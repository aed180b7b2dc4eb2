package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of ListFunctions; {@code NextMarker} is left out on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListFunctionsResponse(
    @JsonProperty("Functions") List<FunctionConfiguration> functions,
    @JsonProperty("NextMarker") String nextMarker) {

  public ListFunctionsResponse {
    functions = List.copyOf(functions);
  }
}
