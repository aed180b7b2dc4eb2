package dev.outlet.sqs;

import dev.outlet.edge.Call;
import java.util.List;

/**
 * The dead-letter queue redrive operations: StartMessageMoveTask, ListMessageMoveTasks and
 * CancelMessageMoveTask, checked as AWS checks them; the tasks run in {@link MoveTasks}.
 */
final class MoveOps {
  private MoveOps() {}

  static Results startMessageMoveTask(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.StartMessageMoveTask.class);
    Integer rate = in.maxNumberOfMessagesPerSecond();
    if (rate != null && (rate < 1 || rate > 500)) {
      throw SqsError.invalidValue(
          "MaxNumberOfMessagesPerSecond",
          rate,
          "You must enter a number that's between 1 and 500.");
    }
    Queue source = deadLetterQueue(sqs, in.sourceArn());
    String destination = in.destinationArn();
    if (destination != null) {
      Queue to = sqs.queues().byArn(destination);
      if (to == null) {
        throw SqsError.RESOURCE_NOT_FOUND.with(
            "The resource that you specified for the DestinationArn parameter doesn't exist.");
      }
      if (to.settings().fifo() != source.settings().fifo()) {
        throw SqsError.invalidValue(
            "DestinationArn",
            destination,
            "The destination queue must be the same queue type as the source queue.");
      }
    }
    return new Results.TaskHandle(sqs.messages().moves().start(source, destination, rate));
  }

  static Results listMessageMoveTasks(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.ListMessageMoveTasks.class);
    Integer max = in.maxResults();
    if (max != null && (max < 1 || max > 10)) {
      throw SqsError.invalidValue(
          "MaxResults", max, "You must enter a number that's between 1 and 10.");
    }
    Queue source = deadLetterQueue(sqs, in.sourceArn());
    List<Results.MoveTask> tasks =
        sqs.messages().moves().list(sqs.queues().arn(source.name()), max == null ? 1 : max).stream()
            .map(
                t ->
                    new Results.MoveTask(
                        t.taskHandle(),
                        t.status().name(),
                        t.sourceArn(),
                        t.destinationArn(),
                        t.rate(),
                        t.moved(),
                        t.toMove(),
                        t.failureReason(),
                        t.started()))
            .toList();
    return new Results.MoveTasks(tasks);
  }

  static Results cancelMessageMoveTask(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.CancelMessageMoveTask.class);
    return new Results.Cancelled(sqs.messages().moves().cancel(in.taskHandle()));
  }

  /**
   * The queue {@code arn} names, which must be some queue's dead-letter queue: {@code
   * MissingParameter}, {@code ResourceNotFoundException} or {@code InvalidParameterValue}.
   */
  private static Queue deadLetterQueue(Sqs sqs, String arn) {
    if (arn == null || arn.isEmpty()) {
      throw SqsError.missing("SourceArn");
    }
    Queue q = sqs.queues().byArn(arn);
    if (q == null) {
      throw SqsError.RESOURCE_NOT_FOUND.with(
          "The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    if (sqs.queues().sources(arn).isEmpty()) {
      throw SqsError.INVALID_PARAMETER_VALUE.with(
          "Source queue must be configured as a Dead Letter Queue.");
    }
    return q;
  }
}
