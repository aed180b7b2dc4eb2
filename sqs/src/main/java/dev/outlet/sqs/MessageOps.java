package dev.outlet.sqs;

import dev.outlet.edge.Call;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The operations on single messages: send, receive, delete, change visibility. */
final class MessageOps {
  private static final List<String> SYSTEM =
      List.of(
          "SenderId",
          "SentTimestamp",
          "ApproximateReceiveCount",
          "ApproximateFirstReceiveTimestamp",
          "MessageGroupId",
          "MessageDeduplicationId",
          "SequenceNumber");

  private MessageOps() {}

  static Results sendMessage(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.SendMessage.class);
    Queue q = sqs.queue(call, in);
    Messages.Outgoing outgoing =
        outgoing(
            q.settings(),
            in.messageBody(),
            in.delaySeconds(),
            in.messageAttributes(),
            in.systemAttributes(),
            in.messageGroupId(),
            in.messageDeduplicationId());
    StoredMessage m = sqs.messages().send(q, List.of(outgoing)).get(0);
    return new Results.Sent(
        m.id(),
        Md5s.ofBody(m.body()),
        Md5s.ofAttributes(m.attributes()),
        Md5s.ofAttributes(in.systemAttributes()),
        m.groupId() == null ? null : Fifo.sequenceNumber(m.seq()));
  }

  /** One message to send to a queue of {@code settings}, checked as AWS checks it. */
  static Messages.Outgoing outgoing(
      QueueSettings settings,
      String body,
      Integer delaySeconds,
      Map<String, MessageAttribute> attributes,
      Map<String, MessageAttribute> systemAttributes,
      String groupId,
      String dedupId) {
    if (!settings.fifo()) {
      Fifo.standard(groupId, dedupId);
      MessageChecks.check(body, delaySeconds, attributes, settings);
      MessageChecks.systemAttributes(systemAttributes);
      return new Messages.Outgoing(body, attributes, delaySeconds);
    }
    Fifo.Keys keys = Fifo.send(settings, body, groupId, dedupId, delaySeconds);
    MessageChecks.check(body, null, attributes, settings);
    MessageChecks.systemAttributes(systemAttributes);
    return new Messages.Outgoing(body, attributes, null, keys.groupId(), keys.dedupId());
  }

  static CompletableFuture<Results> receiveMessage(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.ReceiveMessage.class);
    Queue q = sqs.queue(call, in);
    int max = in.maxNumberOfMessages() == null ? 1 : in.maxNumberOfMessages();
    if (max < 1 || max > 10) {
      throw SqsError.invalidValue(
          "MaxNumberOfMessages", max, "Must be between 1 and 10, if provided.");
    }
    Integer visibility = in.visibilityTimeout();
    if (visibility != null && (visibility < 0 || visibility > 43200)) {
      throw SqsError.invalidValue(
          "VisibilityTimeout", visibility, "Must be >= 0 and <= 43200, if provided.");
    }
    int wait = in.waitTimeSeconds() == null ? q.settings().waitSeconds() : in.waitTimeSeconds();
    if (wait < 0 || wait > 20) {
      throw SqsError.invalidValue("WaitTimeSeconds", wait, "Must be >= 0 and <= 20, if provided.");
    }
    Fifo.attemptId(in.receiveRequestAttemptId()); // accepted; a retry receives anew
    List<String> system = concat(in.attributeNames(), in.systemAttributeNames());
    List<String> user = in.messageAttributeNames() == null ? List.of() : in.messageAttributeNames();
    String sender = sqs.queues().account();
    return sqs.messages()
        .receive(q.name(), max, visibility, wait)
        .thenApply(
            taken ->
                new Results.Received(
                    taken.stream().map(m -> view(m, system, user, sender)).toList()));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.of(a, b)
        .filter(java.util.Objects::nonNull)
        .flatMap(List::stream)
        .toList();
  }

  /** A received message as the wire shows it, with the attributes asked for. */
  static Results.Message view(
      StoredMessage m, List<String> system, List<String> user, String sender) {
    Map<String, String> attributes = new LinkedHashMap<>();
    boolean all = system.contains("All");
    for (String name : SYSTEM) {
      if (all || system.contains(name)) {
        attributes.put(
            name,
            switch (name) {
              case "SenderId" -> sender;
              case "SentTimestamp" -> Long.toString(m.sentAt());
              case "ApproximateReceiveCount" -> Integer.toString(m.receiveCount());
              case "ApproximateFirstReceiveTimestamp" -> Long.toString(m.firstReceiveAt());
              case "MessageGroupId" -> m.groupId();
              case "MessageDeduplicationId" -> m.dedupId();
              default -> m.groupId() == null ? null : Fifo.sequenceNumber(m.seq());
            });
      }
    }
    attributes.values().removeIf(java.util.Objects::isNull); // FIFO ones of a standard queue
    Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
    m.attributes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> wanted(e.getKey(), user))
        .forEach(e -> chosen.put(e.getKey(), e.getValue()));
    return new Results.Message(
        m.id(),
        ReceiptHandles.of(m),
        Md5s.ofBody(m.body()),
        m.body(),
        attributes,
        Md5s.ofAttributes(chosen),
        chosen);
  }

  /** Whether {@code name} is asked for: {@code All}, {@code .*}, {@code prefix.*} or itself. */
  static boolean wanted(String name, List<String> asked) {
    for (String a : asked) {
      if (a.equals("All") || a.equals(".*") || a.equals(name)) {
        return true;
      }
      if (a.endsWith(".*") && name.startsWith(a.substring(0, a.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  static Results deleteMessage(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.DeleteMessage.class);
    sqs.messages().delete(sqs.queue(call, in), in.receiptHandle());
    return new Results.Empty();
  }

  static Results changeMessageVisibility(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.ChangeMessageVisibility.class);
    Queue q = sqs.queue(call, in);
    sqs.messages().changeVisibility(q, in.receiptHandle(), visibility(in.visibilityTimeout()));
    return new Results.Empty();
  }

  /** A visibility timeout checked (required, 0 to 43200). */
  static int visibility(Integer seconds) {
    if (seconds == null) {
      throw SqsError.missing("VisibilityTimeout");
    }
    if (seconds < 0 || seconds > 43200) {
      throw SqsError.invalidValue(
          "VisibilityTimeout", seconds, "Must be between 0 and 43200, if provided.");
    }
    return seconds;
  }
}
