package dev.outlet.sqs;

import dev.outlet.edge.Call;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operations on queues: create, delete, list, look up, attributes, tags, purge. */
final class QueueOps {
  private static final List<String> ALL =
      List.of(
          "Policy",
          "VisibilityTimeout",
          "MaximumMessageSize",
          "MessageRetentionPeriod",
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
          "CreatedTimestamp",
          "LastModifiedTimestamp",
          "QueueArn",
          "ApproximateNumberOfMessagesDelayed",
          "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds",
          "RedrivePolicy",
          "RedriveAllowPolicy",
          "KmsMasterKeyId",
          "KmsDataKeyReusePeriodSeconds",
          "SqsManagedSseEnabled",
          "FifoQueue",
          "ContentBasedDeduplication",
          "DeduplicationScope",
          "FifoThroughputLimit");

  private QueueOps() {}

  static Results createQueue(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.CreateQueue.class);
    if (in.queueName() == null || in.queueName().isEmpty()) {
      throw SqsError.missing("QueueName");
    }
    Queue q = sqs.queues().create(in.queueName(), in.attributes(), in.tags());
    return new Results.QueueUrl(sqs.url(call, q.name()));
  }

  static Results deleteQueue(Sqs sqs, Call call) {
    Queue q = sqs.queue(call, Wire.input(call, Inputs.QueueUrlOnly.class));
    sqs.messages().deleted(sqs.queues().delete(q.name()));
    return new Results.Empty();
  }

  static Results purgeQueue(Sqs sqs, Call call) {
    sqs.messages().purge(sqs.queue(call, Wire.input(call, Inputs.QueueUrlOnly.class)));
    return new Results.Empty();
  }

  static Results getQueueUrl(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.GetQueueUrl.class);
    if (in.queueName() == null || in.queueName().isEmpty()) {
      throw SqsError.missing("QueueName");
    }
    if (in.owner() != null && !in.owner().equals(sqs.queues().account())) {
      throw SqsError.noQueue();
    }
    return new Results.QueueUrl(sqs.url(call, sqs.queues().get(in.queueName()).name()));
  }

  static Results listQueues(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.ListQueues.class);
    String prefix = in.queueNamePrefix() == null ? "" : in.queueNamePrefix();
    List<String> names = sqs.queues().names().stream().filter(n -> n.startsWith(prefix)).toList();
    return page(sqs, call, names, in.maxResults(), in.nextToken(), false);
  }

  static Results listDeadLetterSourceQueues(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.ListSources.class);
    Queue q = sqs.queue(call, in);
    List<String> names = sqs.queues().sources(sqs.queues().arn(q.name()));
    return page(sqs, call, names, in.maxResults(), in.nextToken(), true);
  }

  /** The queue URLs of {@code names} (sorted) after {@code token}, {@code max} of them. */
  private static Results page(
      Sqs sqs, Call call, List<String> names, Integer max, String token, boolean sources) {
    if (max != null && (max < 1 || max > 1000)) {
      throw SqsError.invalidValue(
          "MaxResults", max, "MaxResults must be an integer between 1 and 1000.");
    }
    String after = null;
    if (token != null && !token.isEmpty()) {
      try {
        after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw SqsError.INVALID_PARAMETER_VALUE.with("Invalid NextToken value.");
      }
    }
    List<String> urls = new ArrayList<>();
    String last = null;
    boolean more = false;
    int limit = max == null ? 1000 : max;
    for (String name : names) {
      if (after != null && name.compareTo(after) <= 0) {
        continue;
      }
      if (urls.size() == limit) {
        more = true;
        break;
      }
      urls.add(sqs.url(call, name));
      last = name;
    }
    String next =
        more && max != null
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8))
            : null;
    return sources ? new Results.SourceQueues(urls, next) : new Results.QueueUrls(urls, next);
  }

  static Results getQueueAttributes(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.GetQueueAttributes.class);
    Queue q = sqs.queue(call, in);
    List<String> names = in.attributeNames() == null ? List.of() : in.attributeNames();
    for (String name : names) {
      if (!name.equals("All") && !ALL.contains(name)) {
        throw SqsError.INVALID_ATTRIBUTE_NAME.with("Unknown Attribute " + name + ".");
      }
    }
    Map<String, String> all = all(sqs, q);
    Map<String, String> chosen = new LinkedHashMap<>();
    for (String name : ALL) {
      if ((names.contains("All") || names.contains(name)) && all.containsKey(name)) {
        chosen.put(name, all.get(name));
      }
    }
    return new Results.Attributes(chosen);
  }

  private static Map<String, String> all(Sqs sqs, Queue q) {
    Map<String, String> all = new LinkedHashMap<>(q.settings().attributes());
    QueueState.Counts counts = q.state().counts(sqs.messages().clock().millis());
    all.put("ApproximateNumberOfMessages", Long.toString(counts.visible()));
    all.put("ApproximateNumberOfMessagesNotVisible", Long.toString(counts.inFlight()));
    all.put("ApproximateNumberOfMessagesDelayed", Long.toString(counts.delayed()));
    all.put("CreatedTimestamp", Long.toString(q.created() / 1000));
    all.put("LastModifiedTimestamp", Long.toString(q.modified() / 1000));
    all.put("QueueArn", sqs.queues().arn(q.name()));
    all.putIfAbsent("SqsManagedSseEnabled", "false");
    return all;
  }

  static Results setQueueAttributes(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.SetQueueAttributes.class);
    Queue q = sqs.queue(call, in);
    sqs.queues().setAttributes(q.name(), in.attributes() == null ? Map.of() : in.attributes());
    return new Results.Empty();
  }

  static Results tagQueue(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.TagQueue.class);
    Queue q = sqs.queue(call, in);
    Map<String, String> tags = in.tags() == null ? Map.of() : in.tags();
    sqs.queues()
        .retag(
            q.name(),
            current -> {
              tags.forEach((k, v) -> current.put(k, v == null ? "" : v));
              if (current.size() > 50) {
                throw SqsError.INVALID_PARAMETER_VALUE.with(
                    "Too many tags added for queue " + q.name() + ": at most 50.");
              }
              return current;
            });
    return new Results.Empty();
  }

  static Results untagQueue(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.UntagQueue.class);
    Queue q = sqs.queue(call, in);
    List<String> keys = in.tagKeys() == null ? List.of() : in.tagKeys();
    sqs.queues()
        .retag(
            q.name(),
            current -> {
              keys.forEach(current::remove);
              return current;
            });
    return new Results.Empty();
  }

  static Results listQueueTags(Sqs sqs, Call call) {
    Queue q = sqs.queue(call, Wire.input(call, Inputs.QueueUrlOnly.class));
    return new Results.Tags(q.tags());
  }
}
