package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The wire records of the per-function settings operations, with AWS's member names and order. */
final class SettingsWire {
  private SettingsWire() {}

  record AllowedPublishers(
      @JsonProperty("SigningProfileVersionArns") List<String> signingProfileVersionArns) {}

  record CodeSigningPolicies(
      @JsonProperty("UntrustedArtifactOnDeployment") String untrustedArtifactOnDeployment) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CodeSigningConfig(
      @JsonProperty("CodeSigningConfigId") String codeSigningConfigId,
      @JsonProperty("CodeSigningConfigArn") String codeSigningConfigArn,
      @JsonProperty("Description") String description,
      @JsonProperty("AllowedPublishers") AllowedPublishers allowedPublishers,
      @JsonProperty("CodeSigningPolicies") CodeSigningPolicies codeSigningPolicies,
      @JsonProperty("LastModified") String lastModified) {}

  record CodeSigningConfigRequest(
      @JsonProperty("Description") String description,
      @JsonProperty("AllowedPublishers") AllowedPublishers allowedPublishers,
      @JsonProperty("CodeSigningPolicies") CodeSigningPolicies codeSigningPolicies,
      @JsonProperty("Tags") Map<String, String> tags) {}

  record CodeSigningConfigResponse(
      @JsonProperty("CodeSigningConfig") CodeSigningConfig codeSigningConfig) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListCodeSigningConfigsResponse(
      @JsonProperty("NextMarker") String nextMarker,
      @JsonProperty("CodeSigningConfigs") List<CodeSigningConfig> codeSigningConfigs) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListFunctionsByCodeSigningConfigResponse(
      @JsonProperty("NextMarker") String nextMarker,
      @JsonProperty("FunctionArns") List<String> functionArns) {}

  record FunctionCodeSigningConfig(
      @JsonProperty("CodeSigningConfigArn") String codeSigningConfigArn,
      @JsonProperty("FunctionName") String functionName) {}

  record PutFunctionCodeSigningConfigRequest(
      @JsonProperty("CodeSigningConfigArn") String codeSigningConfigArn) {}

  record RecursionConfig(@JsonProperty("RecursiveLoop") String recursiveLoop) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RuntimeManagementConfig(
      @JsonProperty("UpdateRuntimeOn") String updateRuntimeOn,
      @JsonProperty("RuntimeVersionArn") String runtimeVersionArn,
      @JsonProperty("FunctionArn") String functionArn) {}

  record Destination(@JsonProperty("Destination") String destination) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DestinationConfig(
      @JsonProperty("OnSuccess") Destination onSuccess,
      @JsonProperty("OnFailure") Destination onFailure) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventInvokeConfig(
      @JsonProperty("LastModified") Double lastModified,
      @JsonProperty("FunctionArn") String functionArn,
      @JsonProperty("MaximumRetryAttempts") Integer maximumRetryAttempts,
      @JsonProperty("MaximumEventAgeInSeconds") Integer maximumEventAgeInSeconds,
      @JsonProperty("DestinationConfig") DestinationConfig destinationConfig) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListEventInvokeConfigsResponse(
      @JsonProperty("FunctionEventInvokeConfigs") List<EventInvokeConfig> configs,
      @JsonProperty("NextMarker") String nextMarker) {}
}
