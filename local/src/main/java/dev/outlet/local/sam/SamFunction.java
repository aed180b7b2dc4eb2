package dev.outlet.local.sam;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One {@code AWS::Serverless::Function}, with Globals merged and intrinsics resolved.
 *
 * @param name the Lambda function name: {@code FunctionName} when set, else {@code
 *     <stack>-<logicalId>}
 * @param codeUri a folder or a {@code .zip}, absolute
 * @param architecture {@code x86_64} or {@code arm64}
 * @param reservedConcurrency -1 when not set
 * @param deadLetterTarget {@code DeadLetterQueue.TargetArn}, or null
 * @param invokeConfig {@code EventInvokeConfig}, or null
 * @param image a {@code PackageType: Image} function's image (then {@code codeUri}, {@code handler}
 *     and {@code runtime} are null), or null for a zip function
 */
public record SamFunction(
    String logicalId,
    String name,
    Path codeUri,
    String handler,
    String runtime,
    String architecture,
    int memorySize,
    int timeout,
    String description,
    Map<String, String> environment,
    int reservedConcurrency,
    List<SamEvent> events,
    String deadLetterTarget,
    SamInvokeConfig invokeConfig,
    SamImage image) {

  public SamFunction {
    environment = Map.copyOf(environment);
    events = List.copyOf(events);
  }

  /** A function without a dead-letter queue or an event invoke config. */
  public SamFunction(
      String logicalId,
      String name,
      Path codeUri,
      String handler,
      String runtime,
      String architecture,
      int memorySize,
      int timeout,
      String description,
      Map<String, String> environment,
      int reservedConcurrency,
      List<SamEvent> events) {
    this(
        logicalId,
        name,
        codeUri,
        handler,
        runtime,
        architecture,
        memorySize,
        timeout,
        description,
        environment,
        reservedConcurrency,
        events,
        null,
        null,
        null);
  }

  /** A function without an image. */
  public SamFunction(
      String logicalId,
      String name,
      Path codeUri,
      String handler,
      String runtime,
      String architecture,
      int memorySize,
      int timeout,
      String description,
      Map<String, String> environment,
      int reservedConcurrency,
      List<SamEvent> events,
      String deadLetterTarget,
      SamInvokeConfig invokeConfig) {
    this(
        logicalId,
        name,
        codeUri,
        handler,
        runtime,
        architecture,
        memorySize,
        timeout,
        description,
        environment,
        reservedConcurrency,
        events,
        deadLetterTarget,
        invokeConfig,
        null);
  }

  /** Whether this is a container-image function. */
  public boolean isImage() {
    return image != null;
  }

  public OptionalInt reserved() {
    return reservedConcurrency < 0 ? OptionalInt.empty() : OptionalInt.of(reservedConcurrency);
  }
}
