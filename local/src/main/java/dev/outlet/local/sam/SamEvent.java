package dev.outlet.local.sam;

/**
 * One entry of a function's {@code Events}: an HTTP route, a schedule, an EventBridge rule or an
 * SQS queue.
 */
public sealed interface SamEvent {

  /** The event's key under {@code Events}. */
  String name();

  /** Which API flavour an HTTP event belongs to. */
  enum ApiKind {
    /** {@code HttpApi}: an HTTP API, payload format 2.0 by default. */
    HTTP_API,
    /** {@code Api}: a REST API on AWS; served by an HTTP API with payload format 1.0. */
    REST_API
  }

  /**
   * An {@code HttpApi} or {@code Api} event.
   *
   * @param routeKey {@code "GET /path"}, {@code "ANY /path"} or {@code "$default"}
   * @param api the logical id of the API it belongs to ({@code ServerlessHttpApi}, {@code
   *     ServerlessRestApi} or an explicit {@code AWS::Serverless::HttpApi})
   * @param payloadFormatVersion {@code 2.0} or {@code 1.0}
   */
  record Http(String name, ApiKind kind, String routeKey, String api, String payloadFormatVersion)
      implements SamEvent {}

  /**
   * A {@code Schedule} event.
   *
   * @param ruleName the EventBridge rule's name ({@code Name}, else derived from the function)
   * @param input the constant JSON to send instead of the scheduled event, or null
   */
  record Schedule(
      String name,
      String expression,
      String ruleName,
      boolean enabled,
      String description,
      String input)
      implements SamEvent {}

  /**
   * An {@code EventBridgeRule} event: a rule with an event pattern on a bus, the function its
   * target.
   *
   * @param pattern the pattern as JSON text
   * @param bus the event bus's name ({@code default} when the template names none)
   * @param ruleName the rule's name ({@code RuleName}, else derived from the function)
   * @param input the constant JSON sent instead of the event, or null
   * @param inputPath the part of the event sent, or null
   */
  record EventRule(
      String name,
      String pattern,
      String bus,
      String ruleName,
      boolean enabled,
      String input,
      String inputPath)
      implements SamEvent {}

  /**
   * An {@code SQS} event: an event source mapping from the queue to the function.
   *
   * @param queueArn the queue's ARN ({@code Queue}, usually {@code !GetAtt Queue.Arn})
   * @param batchSize {@code BatchSize}, 10 when not set
   * @param maximumBatchingWindowInSeconds 0 when not set
   * @param filterPatterns {@code FilterCriteria.Filters[].Pattern}, each as JSON text
   * @param functionResponseTypes e.g. {@code [ReportBatchItemFailures]}
   * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency}, or null
   */
  record Sqs(
      String name,
      String queueArn,
      int batchSize,
      int maximumBatchingWindowInSeconds,
      boolean enabled,
      java.util.List<String> filterPatterns,
      java.util.List<String> functionResponseTypes,
      Integer maximumConcurrency)
      implements SamEvent {
    public Sqs {
      filterPatterns = java.util.List.copyOf(filterPatterns);
      functionResponseTypes = java.util.List.copyOf(functionResponseTypes);
    }
  }
}
