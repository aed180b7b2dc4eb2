package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A function's reserved concurrency: PutFunctionConcurrency's and GetFunctionConcurrency's answer
 * ({@code {}} when none is set) and GetFunction's {@code Concurrency}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Concurrency(
    @JsonProperty("ReservedConcurrentExecutions") Integer reservedConcurrentExecutions) {}
