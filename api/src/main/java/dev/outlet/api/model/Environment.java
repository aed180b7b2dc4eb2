package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code Environment}: in a request the variables that replace the function's whole map; in a
 * FunctionConfiguration the current ones ({@code {"Variables":{}}} when set empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(@JsonProperty("Variables") Map<String, String> variables) {}
