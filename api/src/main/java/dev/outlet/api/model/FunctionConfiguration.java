package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A function's FunctionConfiguration (lambda-contract.md §2.3), the answer of CreateFunction,
 * GetFunctionConfiguration and the updates, and each item of ListFunctions. Members are in AWS's
 * (alphabetical) order; a null member is left out, as AWS leaves out what does not apply (no
 * Environment when it was never set; no State, LastUpdateStatus or RuntimeVersionConfig in list
 * items; the LastUpdateStatus reasons only while an update is in progress).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionConfiguration(
    @JsonProperty("Architectures") List<String> architectures,
    @JsonProperty("CodeSha256") String codeSha256,
    @JsonProperty("CodeSize") long codeSize,
    @JsonProperty("DeadLetterConfig") DeadLetterConfig deadLetterConfig,
    @JsonProperty("Description") String description,
    @JsonProperty("Environment") Environment environment,
    @JsonProperty("EphemeralStorage") EphemeralStorage ephemeralStorage,
    @JsonProperty("FunctionArn") String functionArn,
    @JsonProperty("FunctionName") String functionName,
    @JsonProperty("Handler") String handler,
    @JsonProperty("ImageConfigResponse") ImageConfigResponse imageConfigResponse,
    @JsonProperty("KMSKeyArn") String kmsKeyArn,
    @JsonProperty("LastModified") String lastModified,
    @JsonProperty("LastUpdateStatus") String lastUpdateStatus,
    @JsonProperty("LastUpdateStatusReason") String lastUpdateStatusReason,
    @JsonProperty("LastUpdateStatusReasonCode") String lastUpdateStatusReasonCode,
    @JsonProperty("Layers") List<Layer> layers,
    @JsonProperty("LoggingConfig") LoggingConfig loggingConfig,
    @JsonProperty("MemorySize") int memorySize,
    @JsonProperty("PackageType") String packageType,
    @JsonProperty("RevisionId") String revisionId,
    @JsonProperty("Role") String role,
    @JsonProperty("Runtime") String runtime,
    @JsonProperty("RuntimeVersionConfig") RuntimeVersionConfig runtimeVersionConfig,
    @JsonProperty("SnapStart") SnapStartResponse snapStart,
    @JsonProperty("State") String state,
    @JsonProperty("StateReason") String stateReason,
    @JsonProperty("StateReasonCode") String stateReasonCode,
    @JsonProperty("Timeout") int timeout,
    @JsonProperty("TracingConfig") TracingConfig tracingConfig,
    @JsonProperty("Version") String version) {

  public FunctionConfiguration {
    architectures = List.copyOf(architectures);
  }

  /** A layer the function uses, as FunctionConfiguration lists it. */
  public record Layer(@JsonProperty("Arn") String arn, @JsonProperty("CodeSize") long codeSize) {}
}
