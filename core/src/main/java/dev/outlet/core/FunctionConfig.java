package dev.outlet.core;

import java.util.Map;

/**
 * The settings a user chose for a function, validated. Immutable; an update makes a new one.
 *
 * @param environment the variables, or null when Environment was never set (AWS then omits it)
 * @param logging the LoggingConfig; null (records stored before it existed) reads as the default
 * @param tracing the TracingConfig mode; null (records stored before it existed) reads as {@code
 *     PassThrough}, Lambda's default
 * @param layers the layer versions, in order (later ones win at /opt); null reads as none
 * @param snapStart the SnapStart ApplyOn; null (records stored before it existed) reads as {@code
 *     None}
 * @param kmsKeyArn the KMSKeyArn the user set (stored and shown; Outlet has no KMS), or null
 * @param deadLetterTargetArn the queue failed asynchronous events go to (DeadLetterConfig), or null
 */
public record FunctionConfig(
    String runtime,
    String handler,
    String role,
    String description,
    int memorySize,
    int timeout,
    Architecture architecture,
    int ephemeralStorage,
    Map<String, String> environment,
    LoggingConfig logging,
    TracingMode tracing,
    java.util.List<LayerRef> layers,
    SnapStartApplyOn snapStart,
    String kmsKeyArn,
    String deadLetterTargetArn) {

  public FunctionConfig {
    snapStart = snapStart == null ? SnapStartApplyOn.NONE : snapStart;
    layers = layers == null ? java.util.List.of() : java.util.List.copyOf(layers);
    environment = environment == null ? null : Map.copyOf(environment);
    logging = logging == null ? LoggingConfig.DEFAULT : logging;
    tracing = tracing == null ? TracingMode.PASS_THROUGH : tracing;
  }

  /** A configuration with Lambda's default tracing mode ({@code PassThrough}). */
  public FunctionConfig(
      String runtime,
      String handler,
      String role,
      String description,
      int memorySize,
      int timeout,
      Architecture architecture,
      int ephemeralStorage,
      Map<String, String> environment,
      LoggingConfig logging) {
    this(
        runtime,
        handler,
        role,
        description,
        memorySize,
        timeout,
        architecture,
        ephemeralStorage,
        environment,
        logging,
        null,
        null,
        null,
        null,
        null);
  }

  /** A configuration without layers. */
  public FunctionConfig(
      String runtime,
      String handler,
      String role,
      String description,
      int memorySize,
      int timeout,
      Architecture architecture,
      int ephemeralStorage,
      Map<String, String> environment,
      LoggingConfig logging,
      TracingMode tracing) {
    this(
        runtime,
        handler,
        role,
        description,
        memorySize,
        timeout,
        architecture,
        ephemeralStorage,
        environment,
        logging,
        tracing,
        null,
        null,
        null,
        null);
  }

  /** A configuration without a KMS key. */
  public FunctionConfig(
      String runtime,
      String handler,
      String role,
      String description,
      int memorySize,
      int timeout,
      Architecture architecture,
      int ephemeralStorage,
      Map<String, String> environment,
      LoggingConfig logging,
      TracingMode tracing,
      java.util.List<LayerRef> layers,
      SnapStartApplyOn snapStart) {
    this(
        runtime,
        handler,
        role,
        description,
        memorySize,
        timeout,
        architecture,
        ephemeralStorage,
        environment,
        logging,
        tracing,
        layers,
        snapStart,
        null,
        null);
  }

  public FunctionConfig withArchitecture(Architecture value) {
    return new FunctionConfig(
        runtime,
        handler,
        role,
        description,
        memorySize,
        timeout,
        value,
        ephemeralStorage,
        environment,
        logging,
        tracing,
        layers,
        snapStart,
        kmsKeyArn,
        deadLetterTargetArn);
  }

  public FunctionConfig withDescription(String value) {
    return new FunctionConfig(
        runtime,
        handler,
        role,
        value,
        memorySize,
        timeout,
        architecture,
        ephemeralStorage,
        environment,
        logging,
        tracing,
        layers,
        snapStart,
        kmsKeyArn,
        deadLetterTargetArn);
  }

  public FunctionConfig withLayers(java.util.List<LayerRef> value) {
    return new FunctionConfig(
        runtime,
        handler,
        role,
        description,
        memorySize,
        timeout,
        architecture,
        ephemeralStorage,
        environment,
        logging,
        tracing,
        value,
        snapStart,
        kmsKeyArn,
        deadLetterTargetArn);
  }

  /**
   * The record's usual form ({@code FunctionConfig[runtime=..., ...]}, every component), written
   * out: a sandbox's key holds it, and startup makes one per function and version, where the
   * generated {@code toString} (a method-handle tree, linked then interpreted on a cold JVM) cost
   * ~85 µs each.
   */
  @Override
  public String toString() {
    return new StringBuilder(256)
        .append("FunctionConfig[runtime=")
        .append(runtime)
        .append(", handler=")
        .append(handler)
        .append(", role=")
        .append(role)
        .append(", description=")
        .append(description)
        .append(", memorySize=")
        .append(memorySize)
        .append(", timeout=")
        .append(timeout)
        .append(", architecture=")
        .append(architecture)
        .append(", ephemeralStorage=")
        .append(ephemeralStorage)
        .append(", environment=")
        .append(environment)
        .append(", logging=")
        .append(logging)
        .append(", tracing=")
        .append(tracing)
        .append(", layers=")
        .append(layers)
        .append(", snapStart=")
        .append(snapStart)
        .append(", kmsKeyArn=")
        .append(kmsKeyArn)
        .append(", deadLetterTargetArn=")
        .append(deadLetterTargetArn)
        .append(']')
        .toString();
  }

  /** Whether published versions of this configuration are optimized (SnapStart). */
  public boolean snapStartsVersions() {
    return snapStart == SnapStartApplyOn.PUBLISHED_VERSIONS;
  }
}
