package dev.outlet.api.model;

import java.util.List;

/**
 * The configuration members CreateFunction and UpdateFunctionConfiguration share: one validator
 * applies them either to AWS's defaults (create) or to the function's current configuration
 * (update). Each is null when the request left it out.
 */
public sealed interface FunctionSettings
    permits CreateFunctionRequest, UpdateFunctionConfigurationRequest {
  String role();

  String runtime();

  String handler();

  String description();

  Integer timeout();

  Integer memorySize();

  Environment environment();

  EphemeralStorage ephemeralStorage();

  List<String> layers();

  LoggingConfig loggingConfig();

  TracingConfig tracingConfig();

  SnapStart snapStart();

  /** {@code KMSKeyArn}: stored and shown; an empty string removes it. */
  String kmsKeyArn();

  /** {@code DeadLetterConfig}: an SQS queue's ARN; an empty TargetArn removes it. */
  DeadLetterConfig deadLetterConfig();

  /** {@code ImageConfig} (container-image functions only). */
  ImageConfig imageConfig();
}
