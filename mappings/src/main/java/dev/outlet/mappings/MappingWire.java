package dev.outlet.mappings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The event source mapping operations' bodies, as Lambda's model names their members. */
final class MappingWire {
  private MappingWire() {}

  /** A filter of {@code FilterCriteria}: one EventBridge-style pattern. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Filter(@JsonProperty("Pattern") String pattern) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FilterCriteria(@JsonProperty("Filters") List<Filter> filters) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ScalingConfig(@JsonProperty("MaximumConcurrency") Integer maximumConcurrency) {}

  /**
   * CreateEventSourceMapping's and UpdateEventSourceMapping's body; the members for streams and
   * brokers are read only to be refused for a queue.
   */
  record Request(
      @JsonProperty("EventSourceArn") String eventSourceArn,
      @JsonProperty("FunctionName") String functionName,
      @JsonProperty("Enabled") Boolean enabled,
      @JsonProperty("BatchSize") Integer batchSize,
      @JsonProperty("MaximumBatchingWindowInSeconds") Integer maximumBatchingWindowInSeconds,
      @JsonProperty("FilterCriteria") FilterCriteria filterCriteria,
      @JsonProperty("FunctionResponseTypes") List<String> functionResponseTypes,
      @JsonProperty("ScalingConfig") ScalingConfig scalingConfig,
      @JsonProperty("StartingPosition") String startingPosition,
      @JsonProperty("ParallelizationFactor") Integer parallelizationFactor,
      @JsonProperty("MaximumRetryAttempts") Integer maximumRetryAttempts,
      @JsonProperty("MaximumRecordAgeInSeconds") Integer maximumRecordAgeInSeconds,
      @JsonProperty("BisectBatchOnFunctionError") Boolean bisectBatchOnFunctionError,
      @JsonProperty("TumblingWindowInSeconds") Integer tumblingWindowInSeconds,
      @JsonProperty("Topics") List<String> topics) {}

  /** {@code EventSourceMappingConfiguration}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Configuration(
      @JsonProperty("UUID") String uuid,
      @JsonProperty("BatchSize") Integer batchSize,
      @JsonProperty("MaximumBatchingWindowInSeconds") Integer maximumBatchingWindowInSeconds,
      @JsonProperty("EventSourceArn") String eventSourceArn,
      @JsonProperty("FilterCriteria") FilterCriteria filterCriteria,
      @JsonProperty("FunctionArn") String functionArn,
      @JsonProperty("LastModified") Double lastModified,
      @JsonProperty("State") String state,
      @JsonProperty("StateTransitionReason") String stateTransitionReason,
      @JsonProperty("FunctionResponseTypes") List<String> functionResponseTypes,
      @JsonProperty("ScalingConfig") ScalingConfig scalingConfig,
      @JsonProperty("EventSourceMappingArn") String eventSourceMappingArn) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListResponse(
      @JsonProperty("NextMarker") String nextMarker,
      @JsonProperty("EventSourceMappings") List<Configuration> eventSourceMappings) {}
}
