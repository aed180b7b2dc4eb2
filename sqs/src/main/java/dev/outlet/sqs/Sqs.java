package dev.outlet.sqs;

import dev.outlet.edge.Call;

/**
 * What the operations share: the region's {@link Queues} and {@link Messages}, and how queue URLs
 * are written ({@code scheme}) and read.
 */
record Sqs(Queues queues, Messages messages, String scheme) {
  /** The queue {@code input} names by URL, or by the request's path (query protocol). */
  Queue queue(Call call, Inputs.ByUrl input) {
    return queues.get(QueueUrls.name(input.queueUrl(), call.head().path(), queues.account()));
  }

  String url(Call call, String name) {
    return QueueUrls.of(call, scheme, queues.account(), name);
  }
}
