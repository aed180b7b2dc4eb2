package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** PutFunctionConcurrency's body: the reservation to set (required). */
public record PutFunctionConcurrencyRequest(
    @JsonProperty("ReservedConcurrentExecutions") Integer reservedConcurrentExecutions) {}
