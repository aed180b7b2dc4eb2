package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** GetAccountSettings' answer: the account's limits and what its functions use. */
public record GetAccountSettingsResponse(
    @JsonProperty("AccountLimit") AccountLimit accountLimit,
    @JsonProperty("AccountUsage") AccountUsage accountUsage) {

  /** Lambda's quotas, the concurrency limit and what reservations leave of it. */
  public record AccountLimit(
      @JsonProperty("TotalCodeSize") long totalCodeSize,
      @JsonProperty("CodeSizeUnzipped") long codeSizeUnzipped,
      @JsonProperty("CodeSizeZipped") long codeSizeZipped,
      @JsonProperty("ConcurrentExecutions") int concurrentExecutions,
      @JsonProperty("UnreservedConcurrentExecutions") int unreservedConcurrentExecutions) {}

  /** The code stored and the number of functions. */
  public record AccountUsage(
      @JsonProperty("TotalCodeSize") long totalCodeSize,
      @JsonProperty("FunctionCount") long functionCount) {}
}
