package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * CreateFunction's body ({@code POST /2015-03-31/functions}), as far as Outlet reads it. {@code
 * local invoke} builds one directly (its {@code Code.ZipFile} as bytes), the REST path binds one
 * from JSON: both go through the same validation.
 */
public record CreateFunctionRequest(
    @JsonProperty("FunctionName") String functionName,
    @JsonProperty("Role") String role,
    @JsonProperty("Code") FunctionCode code,
    @JsonProperty("Runtime") String runtime,
    @JsonProperty("Handler") String handler,
    @JsonProperty("Description") String description,
    @JsonProperty("Timeout") Integer timeout,
    @JsonProperty("MemorySize") Integer memorySize,
    @JsonProperty("PackageType") String packageType,
    @JsonProperty("ImageConfig") ImageConfig imageConfig,
    @JsonProperty("Environment") Environment environment,
    @JsonProperty("Architectures") List<String> architectures,
    @JsonProperty("EphemeralStorage") EphemeralStorage ephemeralStorage,
    @JsonProperty("Layers") List<String> layers,
    @JsonProperty("LoggingConfig") LoggingConfig loggingConfig,
    @JsonProperty("TracingConfig") TracingConfig tracingConfig,
    @JsonProperty("SnapStart") SnapStart snapStart,
    @JsonProperty("KMSKeyArn") String kmsKeyArn,
    @JsonProperty("DeadLetterConfig") DeadLetterConfig deadLetterConfig,
    @JsonProperty("Publish") Boolean publish,
    @JsonProperty("Tags") java.util.Map<String, String> tags)
    implements FunctionSettings {}
