package dev.outlet.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * UpdateFunctionConfiguration's body ({@code PUT .../configuration}): what it names replaces the
 * current value, what it leaves out is kept. {@code RevisionId}, when given, must be the current
 * one.
 */
public record UpdateFunctionConfigurationRequest(
    @JsonProperty("Role") String role,
    @JsonProperty("Runtime") String runtime,
    @JsonProperty("Handler") String handler,
    @JsonProperty("Description") String description,
    @JsonProperty("Timeout") Integer timeout,
    @JsonProperty("MemorySize") Integer memorySize,
    @JsonProperty("Environment") Environment environment,
    @JsonProperty("EphemeralStorage") EphemeralStorage ephemeralStorage,
    @JsonProperty("Layers") List<String> layers,
    @JsonProperty("LoggingConfig") LoggingConfig loggingConfig,
    @JsonProperty("TracingConfig") TracingConfig tracingConfig,
    @JsonProperty("SnapStart") SnapStart snapStart,
    @JsonProperty("KMSKeyArn") String kmsKeyArn,
    @JsonProperty("DeadLetterConfig") DeadLetterConfig deadLetterConfig,
    @JsonProperty("ImageConfig") ImageConfig imageConfig,
    @JsonProperty("RevisionId") String revisionId)
    implements FunctionSettings {}
